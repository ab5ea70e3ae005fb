package io.ecd.commands.stdev;

import io.ecd.command.CommandException;
import io.ecd.command.CollectingOutput;
import io.ecd.command.Options;
import io.ecd.command.Record;
import io.ecd.command.SearchContext;
import io.ecd.commands.mailbox.TableFormat;
import io.ecd.events.EventFileException;
import io.ecd.events.EventFiles;
import io.ecd.spl.Spl;
import io.ecd.spl.SplNumbers;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code detect email-server-high-volume --input FILE [--now EPOCH] [--format table|csv|json]}:
 * the detection "Email servers sending high volume traffic to hosts" on the rows its tstats
 * returns (dest_ip, _time, bytes_out; {@code All_Traffic.}-prefixed names are accepted, as
 * {@code drop_dm_object_name} would strip them), printing the documented table. "Today" is
 * {@code @d} of {@code --now} (default: the clock) in the process's time zone ({@code TZ}).
 * Exit codes: 0 ok (with or without outliers), 1 the input cannot be read, 2 usage error.
 */
public final class HighVolumeDetection {
  /** The detection's name after {@code detect}. */
  public static final String NAME = "email-server-high-volume";

  /** The columns of the documented {@code table}. */
  static final List<String> COLUMNS = List.of("dest_ip", "_time", "bytes_out", "avg_bytes_out",
      "per_source_avg_bytes_out", "num_standard_deviations_away_from_server_average",
      "num_standard_deviations_away_from_client_average");

  /** The options the saved search passes to stdevoutlier. */
  static final List<String> OPTIONS =
      List.of("field=bytes_out", "by=dest_ip", "threshold=3", "min_samples=4", "current=@d");

  private static final String PREFIX = "All_Traffic.";
  private static final String USAGE =
      "usage: detect " + NAME + " --input FILE [--now EPOCH] [--format table|csv|json]";

  private HighVolumeDetection() {}

  /** Runs the detection; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, Clock.systemUTC(), ZoneId.systemDefault());
  }

  static int run(String[] args, PrintStream out, PrintStream err, Clock clock, ZoneId zone) {
    Path input = null;
    String now = null;
    TableFormat format = TableFormat.TABLE;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h") || arg.equals("--help")) {
        out.println(USAGE);
        return 0;
      }
      if (!arg.startsWith("--")) {
        return usage(err, "unexpected argument '" + arg + "'");
      }
      if (i + 1 >= args.length) {
        return usage(err, "option " + arg + " needs a value");
      }
      String value = args[++i];
      switch (arg) {
        case "--input" -> input = Path.of(value);
        case "--now" -> {
          Double n = Spl.number(value);
          if (n == null || n < 0) {
            return usage(err, "invalid --now '" + value + "'; expected epoch seconds");
          }
          now = value.strip();
        }
        case "--format" -> {
          try {
            format = TableFormat.valueOf(value.toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException e) {
            return usage(err, "invalid --format '" + value + "'; expected table, csv or json");
          }
        }
        default -> {
          return usage(err, "unknown option " + arg);
        }
      }
    }
    if (input == null) {
      return usage(err, "missing --input FILE");
    }
    try {
      EventFiles.Loaded loaded = EventFiles.load(input);
      loaded.summary().warnings().forEach(w -> err.println(NAME + ": warning: " + w));
      List<Record> rows = detect(loaded.events(), now == null ? nowOf(clock) : now, zone, err);
      out.print(format.render(COLUMNS, rows));
      out.flush();
      err.println(NAME + ": " + loaded.events().size() + " rows read from " + input + " ("
          + loaded.summary().format().name().toLowerCase(Locale.ROOT) + "), " + rows.size()
          + " outliers");
      return 0;
    } catch (EventFileException | CommandException e) {
      err.println(NAME + ": " + e.getMessage());
      return 1;
    }
  }

  /** The documented search from the tstats rows on: stdevoutlier, then eval and table. */
  static List<Record> detect(List<Record> events, String now, ZoneId zone, PrintStream err) {
    List<String> args = new ArrayList<>(OPTIONS);
    args.add("now=" + now);
    StdevOutlierCommand command = new StdevOutlierCommand(
        Settings.parse(Options.parse(Settings.COMMAND, args), SearchContext.offline(Settings.COMMAND),
            Clock.systemUTC()),
        zone);
    CollectingOutput out = new CollectingOutput(err::println);
    List<Record> outliers = out.records();
    List<Record> rows = new ArrayList<>(events.size());
    for (Record event : events) {
      rows.add(dropObjectName(event));
    }
    command.execute(rows, true, out);
    return outliers;
  }

  /** {@code drop_dm_object_name("All_Traffic")}: All_Traffic.x is renamed x, replacing any x. */
  private static Record dropObjectName(Record event) {
    List<String> names = event.names();
    if (names.stream().noneMatch(n -> n.startsWith(PREFIX))) {
      return event;
    }
    Record renamed = new Record();
    for (String name : names) {
      if (!name.startsWith(PREFIX)) {
        renamed.putAll(name, event.getAll(name));
      }
    }
    for (String name : names) {
      if (name.startsWith(PREFIX)) {
        renamed.putAll(name.substring(PREFIX.length()), event.getAll(name));
      }
    }
    return renamed;
  }

  private static String nowOf(Clock clock) {
    return SplNumbers.format(clock.millis() / 1000L);
  }

  private static int usage(PrintStream err, String problem) {
    err.println(NAME + ": " + problem);
    err.println(USAGE);
    return 2;
  }
}
