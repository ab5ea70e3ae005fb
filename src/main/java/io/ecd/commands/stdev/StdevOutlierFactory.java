package io.ecd.commands.stdev;

import io.ecd.command.CommandFactory;
import io.ecd.command.Options;
import io.ecd.command.SearchCommand;
import io.ecd.command.SearchContext;
import java.time.Clock;
import java.time.ZoneId;

/**
 * Creates {@code stdevoutlier} commands; register it under {@link #NAME}. Snaps and calendar
 * offsets of {@code current=} use the process's time zone ({@code TZ}, {@link ZoneId#systemDefault()}),
 * looked up when a command is created: the JDK's time zone data costs some 15 ms to load, which
 * every other command's start-up would otherwise pay when the factories are registered.
 */
public final class StdevOutlierFactory implements CommandFactory {

  /** The command's name in SPL and commands.conf. */
  public static final String NAME = Settings.COMMAND;

  /** The time zone, or null for the process's. */
  private final ZoneId zone;
  private final Clock clock;

  /** A factory for the process's time zone and the system clock. */
  public StdevOutlierFactory() {
    this(null, Clock.systemUTC());
  }

  StdevOutlierFactory(ZoneId zone, Clock clock) {
    this.zone = zone;
    this.clock = clock;
  }

  @Override
  public SearchCommand create(Options options, SearchContext context) {
    return new StdevOutlierCommand(Settings.parse(options, context, clock),
        zone != null ? zone : ZoneId.systemDefault());
  }
}
