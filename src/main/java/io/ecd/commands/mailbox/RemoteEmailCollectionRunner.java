package io.ecd.commands.mailbox;

import io.ecd.command.CommandException;
import io.ecd.events.EventFileException;
import io.ecd.events.EventFiles;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code detect remote-email-collection --input FILE [--profile documented|extended]
 * [--format table|csv|json] [--lookups DIR]}: runs the whole detection on exported or raw events
 * and prints the documented table. Exit codes: 0 ok, 1 the input or a lookup cannot be read,
 * 2 usage error.
 */
public final class RemoteEmailCollectionRunner {
  /** The detection's name after {@code detect}. */
  public static final String NAME = "remote-email-collection";
  static final String USAGE = "usage: detect " + NAME + " --input FILE [--profile documented|extended]"
      + " [--format table|csv|json] [--lookups DIR]";

  private RemoteEmailCollectionRunner() {}

  /** Runs the detection; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, MailboxCollectionCommand.appLookups(), Clock.systemUTC());
  }

  static int run(String[] args, PrintStream out, PrintStream err, Optional<Path> appLookups, Clock clock) {
    Path input = null;
    Profile profile = Profile.DOCUMENTED;
    TableFormat format = TableFormat.TABLE;
    Path lookups = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h") || arg.equals("--help")) {
        out.println(USAGE);
        return 0;
      }
      if (i + 1 >= args.length || !arg.startsWith("--")) {
        return usage(err, arg.startsWith("--") ? "option " + arg + " needs a value" : "unexpected argument '" + arg + "'");
      }
      String value = args[++i];
      switch (arg) {
        case "--input" -> input = Path.of(value);
        case "--profile" -> {
          try {
            profile = Profile.valueOf(value.toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException e) {
            return usage(err, "invalid --profile '" + value + "'; expected documented or extended");
          }
        }
        case "--format" -> {
          try {
            format = TableFormat.valueOf(value.toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException e) {
            return usage(err, "invalid --format '" + value + "'; expected table, csv or json");
          }
        }
        case "--lookups" -> lookups = Path.of(value);
        default -> {
          return usage(err, "unknown option " + arg);
        }
      }
    }
    if (input == null) {
      return usage(err, "missing --input FILE");
    }
    if (lookups != null && !Files.isDirectory(lookups)) {
      return usage(err, "--lookups " + lookups + " is not a folder");
    }
    if (profile == Profile.EXTENDED && lookups == null && appLookups.isEmpty()) {
      return usage(err, "--profile extended needs the tuning lookups: run the jar from an installed"
          + " app, or pass --lookups DIR (e.g. the app's lookups folder)");
    }
    try {
      Scorer scorer = MailboxCollectionCommand.scorer(profile,
          lookups != null ? Optional.of(lookups) : appLookups, clock);
      EventFiles.Loaded loaded = EventFiles.load(input);
      RemoteEmailCollection.Result result = RemoteEmailCollection.run(loaded.events(), scorer);
      out.print(format.render(RemoteEmailCollection.columns(profile), result.rows()));
      out.flush();
      loaded.summary().warnings().forEach(w -> err.println(NAME + ": warning: " + w));
      RemoteEmailCollection.Counts c = result.counts();
      err.println(NAME + " (profile=" + profile.name().toLowerCase(Locale.ROOT) + "): " + c.events()
          + " events read (" + loaded.summary().format().name().toLowerCase(Locale.ROOT) + ", "
          + loaded.summary().invalidTimes() + " without a valid time), " + c.inWorkload()
          + " in the searched workloads, " + c.suspicious() + " suspicious, " + c.suppressed()
          + " suppressed, " + result.rows().size() + " rows");
      return 0;
    } catch (EventFileException | CommandException e) {
      err.println(NAME + ": " + e.getMessage());
      return 1;
    }
  }

  private static int usage(PrintStream err, String problem) {
    err.println(NAME + ": " + problem);
    err.println(USAGE);
    return 2;
  }
}
