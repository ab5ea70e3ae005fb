package io.ecd.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds request chunks byte for byte the way splunkd sends them (docs/scp-v2.md §2-§7): compact
 * metadata, {@code {"action":"execute","finished":…}}, CSV bodies with every field then one
 * {@code __mv_} column per field, a value quoted unless empty or only [A-Za-z0-9], LF rows.
 */
public final class Chunks {
  public static final String SESSION_KEY = "Jpsi0TESTKEYk7WzqYv2^mXWL_session_0123456789";
  private static final Pattern BARE = Pattern.compile("[A-Za-z0-9]+");

  private Chunks() {}

  /** One frame: header, metadata, body. */
  public static byte[] frame(String metadata, byte[] body) {
    byte[] meta = metadata.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("chunked 1.0," + meta.length + "," + body.length + "\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(meta);
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** An 8.2-style getinfo chunk for {@code command} with these args. */
  public static byte[] getinfo(String command, String... args) {
    return frame(getinfoMetadata(command, "/opt/splunk/var/run/splunk/dispatch/1629787812.122", args),
        new byte[0]);
  }

  /** getinfo metadata as splunkd 8.2.1 orders it. */
  public static String getinfoMetadata(String command, String dispatchDir, String... args) {
    JsonObject si = new JsonObject();
    JsonArray a = new JsonArray();
    Arrays.stream(args).forEach(a::add);
    si.add("args", a);
    si.add("raw_args", a.deepCopy());
    si.addProperty("dispatch_dir", dispatchDir);
    si.addProperty("sid", "1629787812.122");
    si.addProperty("app", "email_collection_detections");
    si.addProperty("owner", "admin");
    si.addProperty("username", "admin");
    si.addProperty("session_key", SESSION_KEY);
    si.addProperty("splunkd_uri", "https://127.0.0.1:8089");
    si.addProperty("splunk_version", "8.2.1");
    si.addProperty("search", "%7C%20makeresults%20%7C%20" + command);
    si.addProperty("command", command);
    si.addProperty("maxresultrows", 50000);
    si.addProperty("earliest_time", "0");
    si.addProperty("latest_time", "0");
    JsonObject o = new JsonObject();
    o.addProperty("action", "getinfo");
    o.addProperty("preview", false);
    o.addProperty("streaming_command_will_restart", false);
    o.add("searchinfo", si);
    return o.toString();
  }

  /** An execute chunk with this CSV body. */
  public static byte[] execute(boolean finished, String body) {
    return frame("{\"action\":\"execute\",\"finished\":" + finished + "}",
        body.getBytes(StandardCharsets.UTF_8));
  }

  /** A splunkd-style CSV body: {@code fields}, then rows of single values (null = empty). */
  public static String csv(List<String> fields, List<List<String>> rows) {
    StringBuilder b = new StringBuilder();
    List<String> header = new ArrayList<>();
    fields.forEach(f -> header.add(cell(f)));
    fields.forEach(f -> header.add(cell("__mv_" + f)));
    b.append(String.join(",", header)).append('\n');
    for (List<String> row : rows) {
      List<String> cells = new ArrayList<>();
      row.forEach(v -> cells.add(v == null ? "" : cell(v)));
      b.append(String.join(",", cells)).append(",".repeat(fields.size())).append('\n');
    }
    return b.toString();
  }

  /** A cell as splunkd writes it. */
  public static String cell(String v) {
    if (v.isEmpty() || BARE.matcher(v).matches()) {
      return v;
    }
    return '"' + v.replace("\"", "\"\"") + '"';
  }
}
