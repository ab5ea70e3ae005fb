package io.ecd.cli.splunk;

import com.splunk.Args;
import com.splunk.Event;
import com.splunk.Job;
import com.splunk.JobArgs;
import com.splunk.JobResultsArgs;
import com.splunk.ResultsReaderJson;
import com.splunk.SavedSearch;
import com.splunk.SavedSearchCollection;
import com.splunk.SavedSearchDispatchArgs;
import com.splunk.Service;
import io.ecd.cli.Tool;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code verify}: runs a saved search or a search on splunkd through the Splunk SDK, waits for it
 * with a timeout, reads its results as JSON and compares them with an expected table.
 *
 * <p>Exit codes: 0 the results match (without {@code --expect}: the search returned results); 1
 * mismatch, no results, or the search failed; 2 usage, credential or connection error, or the
 * search did not finish within {@code --timeout}.
 */
public final class Verify {
  static final String TOOL = "verify";
  static final int DEFAULT_TIMEOUT_SECONDS = 300;
  static final int PAGE = 10_000;
  private static final int MAX_SHOWN_ROWS = 50;

  static final String USAGE =
      """
      Usage: verify --host H [--port 8089] [--scheme https] [--insecure]
                    (--saved-search NAME | --search SPL) [--earliest T] [--latest T]
                    [--app APP] [--timeout S] [--expect FILE] [--ordered]
                    [--token-file PATH] [--verbose]

      Runs a saved search or a search on splunkd (Splunk SDK for Java), waits for it to finish,
      reads its results and compares them with the expected table.

        --host H             splunkd host (required)
        --port P             splunkd management port (default 8089)
        --scheme S           https (default) or http
        --insecure           accept any TLS certificate and host name: a lab Splunk with a
                             self-signed certificate only. Verification is on by default.
        --saved-search NAME  dispatch this saved search (alert actions are not triggered)
        --search SPL         run this search; "search " is put in front unless it starts with
                             "|" or "search"
        --earliest T         earliest time, a Splunk time modifier (-30d@d) or epoch seconds;
                             for a saved search it overrides dispatch.earliest_time
        --latest T           latest time (now, @d, ...); likewise
        --app APP            app context: where macros and lookups (and the saved search) live
        --timeout S          seconds to wait for the search (default 300); then it is cancelled
        --expect FILE        the expected results: CSV with a header row, or JSON (*.json: an
                             array of objects). Same columns as the results; multivalue cells
                             joined with newlines. Rows may come in any order.
        --ordered            rows must come in the order of FILE
        --token-file PATH    read the Splunk token from PATH
        --verbose            say what is happening, on stderr
        --help               this text

      Credentials: SPLUNK_TOKEN (an authentication token, sent as Bearer, or a session key), or
      SPLUNK_USERNAME and SPLUNK_PASSWORD, from the environment; or --token-file PATH. Never from
      the command line, never printed.

      Results: cells are compared as strings, exactly; an empty cell and a missing field are the
      same (null). Result fields starting with "_" that FILE does not name are ignored; any other
      result field must be a column of FILE.

      Exit codes: 0 the results match (without --expect: the search returned at least one row);
      1 mismatch, no results, or the search failed; 2 usage, credential or connection error, or
      the search did not finish within --timeout.
      """;

  private static final Set<String> OPTIONS = union(Target.OPTIONS, Set.of(
      "--saved-search", "--search", "--earliest", "--latest", "--app", "--timeout", "--expect"));
  private static final Set<String> FLAGS = union(Target.FLAGS, Set.of("--ordered"));

  private Verify() {}

  /** {@code verify} as a tool of the jar, for {@code io.ecd.cli.Tools}. */
  public static Tool tool() {
    return Tool.of("run a (saved) search on Splunk and compare its results with a table (Splunk SDK)", Verify::run);
  }

  /** Runs {@code verify} with the process environment; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, System.getenv());
  }

  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    Credentials credentials = null;
    try {
      CliArgs cli = CliArgs.parse(TOOL, args, OPTIONS, FLAGS);
      if (cli.flag("--help")) {
        out.print(USAGE);
        return 0;
      }
      if (!cli.positional().isEmpty()) {
        throw cli.error("unexpected argument '" + cli.positional().get(0) + "'");
      }
      String saved = cli.string("--saved-search", null);
      String search = cli.string("--search", null);
      if ((saved == null) == (search == null)) {
        throw cli.error("give exactly one of --saved-search NAME and --search SPL");
      }
      String earliest = cli.string("--earliest", null);
      String latest = cli.string("--latest", null);
      int timeout = cli.integer("--timeout", DEFAULT_TIMEOUT_SECONDS, 1, 86_400);
      String expectFile = cli.string("--expect", null);
      Target target = Target.from(cli, cli.string("--app", null));
      String tokenFile = cli.string("--token-file", null);
      credentials = Credentials.resolve(TOOL, tokenFile == null ? null : Path.of(tokenFile), env);
      Table expected = expectFile == null ? null : ExpectedTable.read(Path.of(expectFile));
      PrintStream verbose = cli.flag("--verbose") ? err : null;
      warnIfPlain(target, err);

      Service service = SplunkSession.connect(TOOL, target, credentials, verbose);
      Table actual;
      try {
        Job job = saved != null
            ? dispatch(service, target, saved, earliest, latest, verbose)
            : start(service, search, earliest, latest, verbose);
        await(job, timeout, verbose);
        actual = results(job, verbose);
      } catch (RuntimeException e) {
        throw SplunkSession.failure(TOOL, target, credentials, e);
      }
      return report(expected, actual, cli.flag("--ordered"), out);
    } catch (CliException e) {
      String message = e.getMessage();
      err.println(credentials == null ? message : credentials.scrub(message));
      return e.exitCode();
    }
  }

  private static Job dispatch(
      Service service, Target target, String name, String earliest, String latest, PrintStream verbose) {
    Args namespace = new Args();
    namespace.put("owner", "-");
    namespace.put("app", target.app() == null ? "-" : target.app());
    SavedSearchCollection searches = service.getSavedSearches(namespace);
    SavedSearch saved = find(searches, name, target.app());
    SavedSearchDispatchArgs args = new SavedSearchDispatchArgs();
    args.setTriggerActions(false);
    if (earliest != null) {
      args.setDispatchEarliestTime(earliest);
    }
    if (latest != null) {
      args.setDispatchLatestTime(latest);
    }
    if (verbose != null) {
      verbose.println(TOOL + ": dispatching saved search '" + name + "' (" + saved.getPath() + ")");
    }
    try {
      Job job = saved.dispatch(args);
      if (verbose != null) {
        verbose.println(TOOL + ": search id " + sid(job));
      }
      return job;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(CliException.USAGE, TOOL + ": interrupted while dispatching", e);
    }
  }

  /** The saved search called {@code name}; in {@code app} when it is in several apps. */
  private static SavedSearch find(SavedSearchCollection searches, String name, String app) {
    int count = searches.valueSize(name);
    if (count == 1) {
      return searches.get(name);
    }
    if (count == 0) {
      throw new CliException(CliException.USAGE,
          TOOL + ": no saved search named '" + name + "' is visible"
              + (app == null ? "" : " in app " + app) + " (--saved-search, --app)");
    }
    List<SavedSearch> candidates = new ArrayList<>();
    Set<String> where = new TreeSet<>();
    for (SavedSearch s : searches.values()) {
      String[] parts = s.getPath().split("/");
      // /servicesNS/<owner>/<app>/saved/searches/<name>
      if (parts.length < 7 || !decode(parts[parts.length - 1]).equals(name)) {
        continue;
      }
      String owner = decode(parts[2]);
      String inApp = decode(parts[3]);
      where.add(owner + "/" + inApp);
      if (inApp.equals(app)) {
        candidates.add(s);
      }
    }
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    throw new CliException(CliException.USAGE,
        TOOL + ": " + count + " saved searches are named '" + name + "' (owner/app: "
            + String.join(", ", where) + "); pass --app to pick one");
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static Job start(
      Service service, String search, String earliest, String latest, PrintStream verbose) {
    String query = normalise(search);
    JobArgs args = new JobArgs();
    args.setExecutionMode(JobArgs.ExecutionMode.NORMAL);
    if (earliest != null) {
      args.setEarliestTime(earliest);
    }
    if (latest != null) {
      args.setLatestTime(latest);
    }
    if (verbose != null) {
      verbose.println(TOOL + ": starting search: " + query);
    }
    Job job = service.search(query, args);
    if (verbose != null) {
      verbose.println(TOOL + ": search id " + sid(job));
    }
    return job;
  }

  /** {@code spl} as splunkd's search endpoint wants it: starting with a command. */
  static String normalise(String spl) {
    String s = spl.strip();
    String lower = s.toLowerCase(java.util.Locale.ROOT);
    if (s.startsWith("|") || lower.equals("search") || lower.startsWith("search ")
        || lower.startsWith("search\t") || lower.startsWith("search\n")) {
      return s;
    }
    return "search " + s;
  }

  private static String sid(Job job) {
    String path = job.getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Waits until {@code job} is done, polling with a growing pause; cancels it on time-out. */
  static void await(Job job, int timeoutSeconds, PrintStream verbose) {
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    long pause = 100;
    String lastState = null;
    while (!job.isDone()) {
      if (verbose != null && job.isReady()) {
        String state = String.valueOf(job.get("dispatchState"));
        if (!state.equals(lastState)) {
          verbose.println(TOOL + ": search is " + state);
          lastState = state;
        }
      }
      long left = (deadline - System.nanoTime()) / 1_000_000L;
      if (left <= 0) {
        try {
          job.cancel();
        } catch (RuntimeException e) {
          // the time-out is the news; a failed cancel changes nothing for the user
        }
        throw new CliException(CliException.USAGE,
            TOOL + ": the search (sid " + sid(job) + ") did not finish within " + timeoutSeconds
                + " s (--timeout); it was cancelled");
      }
      try {
        Thread.sleep(Math.min(pause, left));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliException(CliException.USAGE, TOOL + ": interrupted while waiting", e);
      }
      pause = Math.min(pause * 2, 1000);
    }
    if (job.isFailed() || "FAILED".equals(String.valueOf(job.get("dispatchState")))) {
      List<String> messages = messages(job.get("messages"));
      throw new CliException(CliException.FAILURE,
          TOOL + ": the search (sid " + sid(job) + ") failed"
              + (messages.isEmpty() ? "" : ": " + String.join("; ", messages)));
    }
    if (verbose != null) {
      verbose.println(TOOL + ": search is DONE with " + job.getResultCountLong() + " results");
    }
  }

  /** splunkd's job messages, {@code type -> [text...]}, as {@code TYPE: text} lines. */
  static List<String> messages(Object messages) {
    List<String> out = new ArrayList<>();
    if (messages instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String type = String.valueOf(e.getKey()).toUpperCase(java.util.Locale.ROOT);
        if (e.getValue() instanceof List<?> list) {
          for (Object text : list) {
            out.add(type + ": " + SplunkSession.oneLine(String.valueOf(text)));
          }
        } else if (e.getValue() != null) {
          out.add(type + ": " + SplunkSession.oneLine(String.valueOf(e.getValue())));
        }
      }
    }
    return out;
  }

  /** All results of {@code job}, read as JSON page by page. */
  static Table results(Job job, PrintStream verbose) {
    List<Map<String, String>> rows = new ArrayList<>();
    Set<String> columns = new LinkedHashSet<>();
    int offset = 0;
    while (true) {
      JobResultsArgs args = new JobResultsArgs();
      args.setOutputMode(JobResultsArgs.OutputMode.JSON);
      args.setCount(PAGE);
      args.setOffset(offset);
      int read = 0;
      try (InputStream in = job.getResults(args)) {
        ResultsReaderJson reader = new ResultsReaderJson(in);
        for (Event event : reader) {
          Map<String, String> row = new LinkedHashMap<>();
          for (String field : new TreeSet<>(event.keySet())) {
            String[] values = event.getArray(field);
            row.put(field, values == null ? "" : String.join("\n", values));
            columns.add(field);
          }
          rows.add(row);
          read++;
        }
        reader.close();
      } catch (IOException e) {
        throw new CliException(CliException.USAGE,
            TOOL + ": cannot read the results of sid " + sid(job) + ": " + SplunkSession.rootMessage(e), e);
      }
      offset += read;
      if (read < PAGE) {
        break;
      }
    }
    if (verbose != null) {
      verbose.println(TOOL + ": read " + rows.size() + " results");
    }
    return new Table(new ArrayList<>(columns), rows);
  }

  private static int report(Table expected, Table actual, boolean ordered, PrintStream out) {
    if (expected == null) {
      printTable(actual, out);
      if (actual.rows().isEmpty()) {
        out.println("NO RESULTS: the search returned no rows");
        return CliException.FAILURE;
      }
      return 0;
    }
    TableDiff diff = TableDiff.compare(expected, actual, ordered);
    if (actual.rows().isEmpty() && !expected.rows().isEmpty()) {
      out.println("NO RESULTS: expected " + Replay.count(expected.rows().size(), "row")
          + ", the search returned none");
    }
    out.print(diff.render());
    return diff.matches() ? 0 : CliException.FAILURE;
  }

  /** The results, up to 50 rows: visible fields first, then {@code _time}. */
  private static void printTable(Table t, PrintStream out) {
    List<String> cols = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String c : t.columns()) {
      if (!c.startsWith("_") && seen.add(c)) {
        cols.add(c);
      }
    }
    if (t.columns().contains("_time")) {
      cols.add(0, "_time");
    }
    out.println(t.rows().size() + (t.rows().size() == 1 ? " result" : " results"));
    if (t.rows().isEmpty()) {
      return;
    }
    out.println(String.join(" | ", cols));
    int shown = 0;
    for (Map<String, String> row : t.rows()) {
      if (shown++ == MAX_SHOWN_ROWS) {
        out.println("... " + (t.rows().size() - MAX_SHOWN_ROWS) + " more");
        break;
      }
      List<String> cells = new ArrayList<>();
      for (String c : cols) {
        cells.add(TableDiff.show(Table.cell(row, c)));
      }
      out.println(String.join(" | ", cells));
    }
  }

  static void warnIfPlain(Target target, PrintStream err) {
    if (target.scheme().equals("http") && !target.isLoopback()) {
      err.println("WARN: --scheme http sends the credentials to " + target.host() + " unencrypted");
    }
  }

  static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> s = new HashSet<>(a);
    s.addAll(b);
    return Set.copyOf(s);
  }
}
