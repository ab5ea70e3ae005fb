package io.ecd.cli.splunk;

import com.splunk.Args;
import com.splunk.HttpException;
import com.splunk.Receiver;
import com.splunk.Service;
import io.ecd.cli.Tool;
import io.ecd.command.Record;
import io.ecd.events.EventFileException;
import io.ecd.events.EventFiles;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code replay}: reads event files ({@link EventFiles}: CSV, JSON array, NDJSON, raw O365
 * Management Activity records) and sends their events into a Splunk index through the Splunk
 * SDK's {@link Receiver} ({@code POST /services/receivers/simple}), keeping each event's time:
 * see {@link ReplayEncoder} for what is sent. Prints a summary on stdout, warnings and the
 * progress bar on stderr.
 *
 * <p>Exit codes: 0 all events were sent; 2 usage, file, credential or connection error.
 */
public final class Replay {
  static final String TOOL = "replay";
  /** Events per request for JSON lines of {@value ReplayEncoder#SOURCETYPE}, which break on newlines. */
  static final int JSON_BATCH = 200;
  private static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;
  private static final Pattern INDEX_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
  private static final int MAX_SKIP_EXAMPLES = 5;

  static final String USAGE =
      """
      Usage: replay --host H [--port 8089] [--scheme https] [--insecure] --index IDX
                    [--sourcetype ST] [--event-host NAME] [--batch N]
                    [--progress | --no-progress] [--token-file PATH] [--verbose] FILE...

      Sends the events of each FILE (CSV with a header, JSON array, NDJSON, or raw O365
      Management Activity API records) into index IDX of splunkd, through the Splunk SDK for
      Java (POST /services/receivers/simple), keeping each event's _time.

        --host H            splunkd host (required)
        --port P            splunkd management port (default 8089)
        --scheme S          https (default) or http
        --insecure          accept any TLS certificate and host name: a lab Splunk with a
                            self-signed certificate only. Verification is on by default.
        --index IDX         the index to write to (required; it must exist)
        --sourcetype ST     sourcetype of every event. Default: the event's own sourcetype
                            field for events with _raw, ecd:replay:json for the others
        --event-host NAME   host field of every event (default: the event's host field, else
                            splunkd's choice)
        --batch N           events per request (default 1 for events sent as _raw, 200 for
                            JSON lines of ecd:replay:json); more than 1 needs a sourcetype that
                            breaks events at newlines
        --progress          show the progress bar on stderr even when it is not a terminal
        --no-progress       never show it (default: shown when the JVM has a console)
        --token-file PATH   read the Splunk token from PATH
        --verbose           say what is happening, on stderr
        --help              this text

      Time: an event with _raw is sent as its _raw, so its sourcetype's timestamp extraction
      sets _time (install the add-on that defines the sourcetype, e.g. the Splunk Add-on for
      Microsoft Office 365 for o365:management:activity). Any other event is sent as one JSON
      line, {"_time":"<epoch seconds>",<fields>}, with sourcetype ecd:replay:json, which this
      app's props.conf parses. Events with neither _raw nor _time are skipped and counted.

      Credentials: SPLUNK_TOKEN (an authentication token, sent as Bearer, or a session key), or
      SPLUNK_USERNAME and SPLUNK_PASSWORD, from the environment; or --token-file PATH. Never from
      the command line, never printed.

      Exit codes: 0 every event was sent; 2 usage, file, credential or connection error.
      """;

  private static final Set<String> OPTIONS = Verify.union(Target.OPTIONS, Set.of(
      "--index", "--sourcetype", "--event-host", "--batch"));
  private static final Set<String> FLAGS = Verify.union(Target.FLAGS, Set.of("--progress", "--no-progress"));

  private Replay() {}

  /** {@code replay} as a tool of the jar, for {@code io.ecd.cli.Tools}. */
  public static Tool tool() {
    return Tool.of("send event files into a Splunk index, keeping _time (Splunk SDK)", Replay::run);
  }

  /** Runs {@code replay} with the process environment; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, System.getenv(), System.console() != null);
  }

  /**
   * @param interactive whether to show the progress bar unless told otherwise
   */
  static int run(
      String[] args, PrintStream out, PrintStream err, Map<String, String> env, boolean interactive) {
    Credentials credentials = null;
    try {
      CliArgs cli = CliArgs.parse(TOOL, args, OPTIONS, FLAGS);
      if (cli.flag("--help")) {
        out.print(USAGE);
        return 0;
      }
      List<String> files = cli.positional();
      if (files.isEmpty()) {
        throw cli.error("no FILE to replay");
      }
      String index = cli.required("--index", "IDX (the index to write to)");
      if (!INDEX_NAME.matcher(index).matches()) {
        throw cli.error("--index '" + index + "' is not an index name; expected lowercase "
            + "letters, digits, '_' and '-', not starting with '_' or '-'");
      }
      String sourcetype = cli.string("--sourcetype", null);
      String eventHost = cli.string("--event-host", null);
      Integer batch = cli.has("--batch") ? cli.integer("--batch", 1, 1, 10_000) : null;
      if (cli.flag("--progress") && cli.flag("--no-progress")) {
        throw cli.error("--progress and --no-progress exclude each other");
      }
      boolean progress = cli.flag("--progress") || (interactive && !cli.flag("--no-progress"));
      Target target = Target.from(cli, null);
      String tokenFile = cli.string("--token-file", null);
      credentials = Credentials.resolve(TOOL, tokenFile == null ? null : Path.of(tokenFile), env);
      PrintStream verbose = cli.flag("--verbose") ? err : null;
      Verify.warnIfPlain(target, err);

      List<ReplayEncoder.Outgoing> outgoing = encode(files, new ReplayEncoder(sourcetype, eventHost), err);
      Service service = SplunkSession.connect(TOOL, target, credentials, verbose);
      checkIndex(service, target, credentials, index, verbose);
      Sent sent = send(service, target, credentials, index, outgoing, batch, progress ? err : null, verbose);
      out.println(summary(sent, files.size(), index));
      return 0;
    } catch (CliException e) {
      String message = e.getMessage();
      err.println(credentials == null ? message : credentials.scrub(message));
      return e.exitCode();
    }
  }

  /** Reads every file and encodes its events; warns about skipped ones; fails on a missing sourcetype. */
  static List<ReplayEncoder.Outgoing> encode(List<String> files, ReplayEncoder encoder, PrintStream err) {
    List<ReplayEncoder.Outgoing> outgoing = new ArrayList<>();
    for (String name : files) {
      Path file = Path.of(name);
      if (!Files.isRegularFile(file)) {
        throw CliException.usage(TOOL + ": " + file + " is not a file");
      }
      EventFiles.Loaded loaded;
      try {
        loaded = EventFiles.load(file);
      } catch (EventFileException e) {
        throw new CliException(CliException.USAGE, TOOL + ": " + e.getMessage(), e);
      }
      for (String warning : loaded.summary().warnings()) {
        err.println("WARN " + TOOL + ": " + warning);
      }
      String fileName = file.getFileName().toString();
      long skipped = 0;
      long noSourcetype = 0;
      List<String> examples = new ArrayList<>();
      long ordinal = 0;
      for (Record event : loaded.events()) {
        ordinal++;
        ReplayEncoder.Outgoing o = encoder.encode(event, fileName);
        if (o == null) {
          skipped++;
          if (examples.size() < MAX_SKIP_EXAMPLES) {
            examples.add("#" + ordinal);
          }
          continue;
        }
        if (o.sourcetype() == null) {
          noSourcetype++;
          continue;
        }
        outgoing.add(o);
      }
      if (noSourcetype > 0) {
        throw CliException.usage(TOOL + ": " + file + ": " + count(noSourcetype, "event")
            + (noSourcetype == 1 ? " carries" : " carry") + " _raw but no sourcetype field; pass --sourcetype, e.g. "
            + "--sourcetype o365:management:activity for O365 Management Activity records");
      }
      if (skipped > 0) {
        err.println("WARN " + TOOL + ": " + file + ": skipped " + skipped + " of "
            + count(ordinal, "event") + " that have neither _raw nor a numeric _time (events "
            + String.join(", ", examples) + (skipped > examples.size() ? ", ..." : "") + ")");
      }
      if (loaded.summary().invalidTimes() > 0) {
        long invalid = loaded.summary().invalidTimes();
        err.println("WARN " + TOOL + ": " + file + ": " + count(invalid, "event")
            + (invalid == 1 ? " has" : " have") + " no valid time stamp; sent as _raw, splunkd gives "
            + (invalid == 1 ? "it" : "them") + " a time of its own");
      }
    }
    return outgoing;
  }

  private static void checkIndex(
      Service service, Target target, Credentials credentials, String index, PrintStream verbose) {
    boolean exists;
    try {
      exists = service.getIndexes().containsKey(index);
    } catch (HttpException e) {
      if (e.getStatus() == 403) {
        if (verbose != null) {
          verbose.println(TOOL + ": may not list indexes; index " + index + " not checked");
        }
        return;
      }
      throw SplunkSession.failure(TOOL, target, credentials, e);
    } catch (RuntimeException e) {
      throw SplunkSession.failure(TOOL, target, credentials, e);
    }
    if (!exists) {
      throw CliException.usage(TOOL + ": index '" + index + "' does not exist on splunkd at "
          + target.url() + "; create it first (Settings > Indexes, or: splunk add index " + index + ")");
    }
  }

  /** What was sent. */
  record Sent(long events, long bytes, double seconds, Map<String, Long> bySourcetype) {}

  static Sent send(
      Service service, Target target, Credentials credentials, String index,
      List<ReplayEncoder.Outgoing> events, Integer batch, PrintStream progressOut, PrintStream verbose) {
    Receiver receiver = service.getReceiver();
    ProgressBar bar = progressOut == null ? null : new ProgressBar(progressOut, events.size());
    long start = System.nanoTime();
    long sent = 0;
    long bytes = 0;
    Map<String, Long> bySourcetype = new TreeMap<>();
    int i = 0;
    while (i < events.size()) {
      ReplayEncoder.Outgoing first = events.get(i);
      int limit = batch != null ? batch : (first.raw() ? 1 : JSON_BATCH);
      StringBuilder body = new StringBuilder(first.text()).append('\n');
      int j = i + 1;
      while (j < events.size() && j - i < limit && events.get(j).key().equals(first.key())
          && body.length() + events.get(j).text().length() < MAX_REQUEST_BYTES) {
        body.append(events.get(j).text()).append('\n');
        j++;
      }
      Args args = new Args();
      args.put("index", index);
      args.put("sourcetype", first.sourcetype());
      args.put("source", first.source());
      if (first.host() != null) {
        args.put("host", first.host());
      }
      String data = body.toString();
      try {
        receiver.submit(args, data);
      } catch (RuntimeException e) {
        if (bar != null) {
          bar.finish(sent, bytes);
        }
        CliException c = SplunkSession.failure(TOOL, target, credentials, e);
        throw new CliException(c.exitCode(),
            c.getMessage() + " (after " + sent + " of " + events.size() + " events were sent)", e);
      }
      sent += j - i;
      bytes += data.getBytes(StandardCharsets.UTF_8).length;
      bySourcetype.merge(first.sourcetype(), (long) (j - i), Long::sum);
      if (bar != null) {
        bar.update(sent, bytes);
      }
      i = j;
    }
    if (bar != null) {
      bar.finish(sent, bytes);
    }
    if (verbose != null) {
      verbose.println(TOOL + ": done");
    }
    return new Sent(sent, bytes, (System.nanoTime() - start) / 1e9, bySourcetype);
  }

  /** {@code n} and {@code noun}, plural unless n is 1: {@code 1 event}, {@code 1,200 events}. */
  static String count(long n, String noun) {
    return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
  }

  static String summary(Sent sent, int files, String index) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s: sent %s (%,d bytes) from %s to index %s in %.1f s",
        TOOL, count(sent.events(), "event"), sent.bytes(), count(files, "file"), index, sent.seconds()));
    if (!sent.bySourcetype().isEmpty()) {
      List<String> parts = new ArrayList<>();
      sent.bySourcetype().forEach((st, n) -> parts.add(st + " " + n));
      sb.append("; by sourcetype: ").append(String.join(", ", parts));
    }
    return sb.toString();
  }
}
