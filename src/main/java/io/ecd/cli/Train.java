package io.ecd.cli;

import com.google.gson.stream.JsonWriter;
import io.ecd.command.CommandFactory;
import io.ecd.protocol.ProtocolEngine;
import io.ecd.protocol.frame.FrameWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * {@code train <search command>}: serves the command a few built-in searches, as splunkd would,
 * with the replies thrown away. The launchers run it once under
 * {@code -XX:ArchiveClassesAtExit} (Java 25 and later: {@code -XX:AOTCacheOutput}) to record the
 * classes a search loads in a class data sharing archive (an AOT cache, which also keeps the
 * training's method profiles), which later searches map instead of loading and verifying those
 * classes again.
 */
final class Train {
  /**
   * Rows in a training search: a chunk as large as splunkd sends (maxresultrows, 50,000 by
   * default), then 50 more. On Java 25 the AOT cache also keeps the method profiles of the
   * training; a search of 200,000 events took 0.46 s after a training of 50,000 rows against
   * 0.505 s after one of 6,000 or 20,000 (run with java directly; through the launcher 0.49
   * against 0.50 s).
   */
  private static final int ROWS = 50_050;

  /** The searches per command: their arguments, as in the app's saved searches. */
  private static final Map<String, List<List<String>>> SEARCHES = Map.of(
      "mailboxcollection", List.of(List.of(), List.of("keep=all"), List.of("profile=extended")),
      "stdevoutlier", List.of(
          List.of("field=bytes_out", "by=dest_ip", "threshold=3", "min_samples=4", "current=@d"),
          List.of("field=bytes_out", "by=dest_ip", "method=mad")));

  private Train() {}

  static Tool tool() {
    return Tool.of("serves a search command built-in sample searches, replies discarded "
        + "(the launchers record its classes, and on Java 25 its profiles, for class data sharing)", Train::run);
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    CommandFactory factory = args.length == 1 ? Commands.find(args[0]) : null;
    if (factory == null || !SEARCHES.containsKey(args[0])) {
      err.println("usage: train <search command>, one of " + SEARCHES.keySet().stream().sorted().toList());
      return 2;
    }
    String name = args[0];
    int exit = 0;
    for (List<String> searchArgs : SEARCHES.get(name)) {
      exit = Math.max(exit, ProtocolEngine.serveProcess(name, factory,
          new ByteArrayInputStream(session(name, searchArgs)), OutputStream.nullOutputStream()));
    }
    return exit;
  }

  /** A whole session as splunkd sends it: getinfo, a full chunk, a small last one. */
  static byte[] session(String command, List<String> args) {
    long now = System.currentTimeMillis() / 1000;
    Table table = command.equals("stdevoutlier") ? traffic(now) : exchangeAudit(now);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    FrameWriter frames = new FrameWriter(stream);
    frames.write(getinfo(command, args).getBytes(StandardCharsets.UTF_8));
    int split = table.size - 50;
    byte[] first = table.csv(0, split);
    frames.write(execute(false), first, first.length);
    byte[] last = table.csv(split, table.size);
    frames.write(execute(true), last, last.length);
    return stream.toByteArray();
  }

  /** O365 Exchange audit events: collection cmdlets, scripted clients, cross-mailbox reads. */
  private static Table exchangeAudit(long now) {
    String[] operations = {"MailItemsAccessed", "New-MailboxExportRequest", "FolderBind",
        "Send", "Search-Mailbox", "MessageBind", "Set-Mailbox", "New-ComplianceSearch"};
    String[] clients = {"Client=OWA;Action=ViaProxy", "Client=WebServices;python-requests/2.31.0",
        "Client=REST;Client=RESTSystem;;", "Client=Exchange;curl/8.4.0",
        "Client=WebServices;ExchangeServicesClient/15.0.0.0", "Client=WebServices;MailSniper \"x\""};
    return new Table(ROWS, i -> {
      String user = "user" + (i % 37) + "@contoso.example";
      String owner = i % 5 == 0 ? "owner" + (i % 11) + "@contoso.example" : user;
      return List.of(List.of(Long.toString(now - 60L * (ROWS - i))), List.of(operations[i % operations.length]),
          List.of(clients[i % clients.length]), List.of(user), List.of(owner),
          List.of(Integer.toString(i % 7)), List.of(i % 9 == 0 ? "SecurityComplianceCenter" : "Exchange"),
          i % 13 == 0 ? List.of("203.0.113." + i % 250, "198.51.100.7") : List.of("203.0.113." + i % 250),
          i % 17 == 0 ? List.of() : List.of("Succeeded, with a comma"));
    }, "_time", "Operation", "ClientInfoString", "UserId", "MailboxOwnerUPN", "LogonType", "Workload",
        "ClientIP", "ResultStatus");
  }

  /** Daily bytes_out per client of the email servers, 14 days, one host far above its usual. */
  private static Table traffic(long now) {
    long today = now - now % 86400;
    int hosts = ROWS / 14;
    return new Table(14 * hosts, i -> {
      int day = 13 - i / hosts;
      int h = i % hosts;
      long bytes = 1_000_000L + h * 1_000L + (day * 7_919L + h * 104_729L) % 50_000;
      if (day == 0 && h == 0) {
        bytes *= 40;
      }
      return List.of(List.of(Long.toString(today - 86400L * day)), List.of("10.0." + h / 250 + "." + h % 250),
          List.of(Long.toString(bytes)));
    }, "_time", "dest_ip", "bytes_out");
  }

  private static byte[] execute(boolean finished) {
    return ("{\"action\":\"execute\",\"finished\":" + finished + "}").getBytes(StandardCharsets.UTF_8);
  }

  private static String getinfo(String command, List<String> args) {
    StringWriter text = new StringWriter();
    try (JsonWriter w = new JsonWriter(text)) {
      w.beginObject().name("action").value("getinfo").name("preview").value(false);
      w.name("searchinfo").beginObject();
      for (String key : List.of("args", "raw_args")) {
        w.name(key).beginArray();
        for (String a : args) {
          w.value(a);
        }
        w.endArray();
      }
      w.name("sid").value("train").name("app").value("email_collection_detections");
      w.name("search").value("%7C%20" + command).name("command").value(command);
      w.name("maxresultrows").value(50000).endObject().endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /**
   * {@code size} rows of values (a list per field), made by {@code row} when written, as splunkd
   * writes a body: fields, then __mv_ fields.
   */
  private static final class Table {
    private final List<String> fields;
    private final int size;
    private final IntFunction<List<List<String>>> row;

    Table(int size, IntFunction<List<List<String>>> row, String... fields) {
      this.fields = List.of(fields);
      this.size = size;
      this.row = row;
    }

    byte[] csv(int from, int to) {
      StringBuilder b = new StringBuilder();
      for (String f : fields) {
        b.append(cell(f)).append(',');
      }
      for (int i = 0; i < fields.size(); i++) {
        b.append("__mv_").append(fields.get(i)).append(i + 1 < fields.size() ? ',' : '\n');
      }
      for (int r = from; r < to; r++) {
        List<List<String>> row = this.row.apply(r);
        for (List<String> values : row) {
          b.append(cell(String.join("\n", values))).append(',');
        }
        for (int i = 0; i < row.size(); i++) {
          List<String> values = row.get(i);
          if (values.size() > 1) {
            StringBuilder mv = new StringBuilder();
            for (String v : values) {
              mv.append(mv.length() == 0 ? "" : ";").append('$').append(v.replace("$", "$$")).append('$');
            }
            b.append(cell(mv.toString()));
          }
          b.append(i + 1 < row.size() ? ',' : '\n');
        }
      }
      return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String cell(String v) {
      if (v.isEmpty() || v.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
        return v;
      }
      return '"' + v.replace("\"", "\"\"") + '"';
    }
  }
}
