package io.ecd.commands.mailbox;

import io.ecd.command.CommandException;
import io.ecd.command.CommandFactory;
import io.ecd.command.Options;
import io.ecd.command.SearchCommand;
import io.ecd.command.SearchContext;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Clock;
import java.util.Optional;

/**
 * The {@code mailboxcollection} search command for the command registry:
 * {@code mailboxcollection [keep=suspicious|all] [profile=documented|extended]
 * [distributed=true|false]}.
 */
public final class MailboxCollectionCommand {
  /** The command's name in commands.conf and SPL. */
  public static final String NAME = MailboxCollection.NAME;

  private MailboxCollectionCommand() {}

  /**
   * The factory; the extended profile reads the lookups of the app the jar runs in. A class, not a
   * lambda: the first lambda a process links costs several milliseconds of its start-up.
   */
  public static CommandFactory factory() {
    return new Factory();
  }

  private static final class Factory implements CommandFactory {
    @Override
    public SearchCommand create(Options options, SearchContext context) {
      return MailboxCollectionCommand.create(options, context, appLookups(), Clock.systemUTC());
    }
  }

  /** Tests inject the lookups folder and clock here. */
  static MailboxCollection create(Options options, SearchContext context, Optional<Path> lookups,
      Clock clock) {
    Keep keep = options.choice("keep", Keep.SUSPICIOUS);
    Profile profile = options.choice("profile", Profile.DOCUMENTED);
    boolean distributed = options.bool("distributed", true);
    options.checkAllUsed();
    return new MailboxCollection(scorer(profile, lookups, clock), keep, distributed);
  }

  static Scorer scorer(Profile profile, Optional<Path> lookups, Clock clock) {
    if (profile == Profile.DOCUMENTED) {
      return Scorer.documented();
    }
    if (lookups.isEmpty()) {
      throw new CommandException(NAME + ": profile=extended reads the app's lookups folder, expected"
          + " at <app>/lookups beside <app>/bin/lib/<jar>, but the jar does not run from an app's"
          + " bin/lib folder");
    }
    Path folder = lookups.get();
    return Scorer.extended(Lookups.operations(folder), Lookups.agents(folder),
        Lookups.allowlist(folder), clock);
  }

  /** {@code <app>/lookups} when this class runs from {@code <app>/bin/lib/<jar>}. */
  static Optional<Path> appLookups() {
    try {
      CodeSource source = MailboxCollectionCommand.class.getProtectionDomain().getCodeSource();
      if (source == null) {
        return Optional.empty();
      }
      return lookupsBeside(Path.of(source.getLocation().toURI()));
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** {@code <app>/lookups} for {@code jar} = {@code <app>/bin/lib/<jar>}, when that folder exists. */
  static Optional<Path> lookupsBeside(Path jar) {
    Path lib = jar.toAbsolutePath().getParent();
    if (!Files.isRegularFile(jar) || lib == null || !lib.getFileName().toString().equals("lib")) {
      return Optional.empty();
    }
    Path bin = lib.getParent();
    if (bin == null || bin.getFileName() == null || !bin.getFileName().toString().equals("bin")
        || bin.getParent() == null) {
      return Optional.empty();
    }
    Path folder = bin.getParent().resolve("lookups");
    return Files.isDirectory(folder) ? Optional.of(folder) : Optional.empty();
  }
}
