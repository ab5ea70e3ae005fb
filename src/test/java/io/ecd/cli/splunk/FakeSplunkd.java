package io.ecd.cli.splunk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A splunkd on loopback for tests: the REST endpoints that the Splunk SDK for Java 1.9.5 calls for
 * {@code replay} and {@code verify}, answering in splunkd's shapes (Atom feeds and entries with
 * {@code s:dict}, {@code <response><sid>}, results JSON, {@code <msg>} errors), and recording what
 * it was sent.
 *
 * <p>Served: {@code POST /services/auth/login}, {@code GET /services/server/info}, {@code GET
 * data/indexes}, {@code POST search/jobs} and {@code search/v2/jobs}, {@code GET} a job, its
 * {@code results} ({@code GET} v1, {@code POST} v2), {@code POST .../control}, {@code GET
 * saved/searches}, {@code POST saved/searches/NAME/dispatch} and {@code POST receivers/simple}, under
 * {@code /services/} and {@code /servicesNS/OWNER/APP/}.
 */
final class FakeSplunkd implements AutoCloseable {
  static final String USER = "admin";
  static final String PASSWORD = "pw-Hunter2-secret";
  static final String TOKEN =
      "eyJraWQiOiJzcGx1bmsuc2VjcmV0IiwiYWxnIjoiSFM1MTIifQ.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLXNlY3JldA";
  static final String SESSION_KEY = "sk-0123456789abcdef-SESSION";

  /** What a job does: how many status polls before it is done, whether it fails, its results. */
  record Script(int pollsBeforeDone, List<String> fatal, List<Map<String, Object>> results) {
    static Script done(List<Map<String, Object>> results) {
      return new Script(0, List.of(), results);
    }

    static Script slow(int polls, List<Map<String, Object>> results) {
      return new Script(polls, List.of(), results);
    }

    static Script failing(String... fatal) {
      return new Script(0, List.of(fatal), List.of());
    }

    static Script never() {
      return new Script(Integer.MAX_VALUE, List.of(), List.of());
    }
  }

  /** One request as received. */
  record Request(String method, String path, Map<String, String> query, Map<String, String> form,
      String body, String authorization, String cookie) {}

  /** One job as created. */
  static final class Job {
    final String sid;
    final String search;
    final String savedSearch;
    final Map<String, String> args;
    final Script script;
    final AtomicInteger polls = new AtomicInteger();
    volatile boolean cancelled;

    Job(String sid, String search, String savedSearch, Map<String, String> args, Script script) {
      this.sid = sid;
      this.search = search;
      this.savedSearch = savedSearch;
      this.args = args;
      this.script = script;
    }
  }

  private static final Pattern NS = Pattern.compile("^/servicesNS/([^/]+)/([^/]+)/(.*)$");
  private static final Pattern JOB = Pattern.compile("^search/(?:v2/)?jobs/([^/]+)(/results|/control)?$");
  private static final Pattern DISPATCH = Pattern.compile("^saved/searches/([^/]+)/dispatch$");

  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final AtomicInteger nextSid = new AtomicInteger(1);

  volatile String version = "9.1.2";
  final Set<String> indexes = Collections.synchronizedSet(new LinkedHashSet<>(List.of("main", "ecd_test")));
  /** Saved search name to the apps that hold one by that name. */
  final Map<String, List<String>> savedSearches = new ConcurrentHashMap<>();
  /** Search string or saved search name to what its job does. */
  final Map<String, Script> scripts = new ConcurrentHashMap<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();
  final Map<String, Job> jobs = new ConcurrentHashMap<>();

  private FakeSplunkd(HttpServer server) {
    this.server = server;
    server.createContext("/", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  static FakeSplunkd http() throws IOException {
    return new FakeSplunkd(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
  }

  static FakeSplunkd https(SSLContext context, InetAddress address) throws IOException {
    HttpsServer s = HttpsServer.create(new InetSocketAddress(address, 0), 0);
    s.setHttpsConfigurator(new HttpsConfigurator(context));
    return new FakeSplunkd(s);
  }

  int port() {
    return server.getAddress().getPort();
  }

  List<Request> requests(String method, String pathPart) {
    List<Request> out = new ArrayList<>();
    for (Request r : requests) {
      if (r.method().equals(method) && r.path().contains(pathPart)) {
        out.add(r);
      }
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }

  // ---- routing

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String rawPath = ex.getRequestURI().getRawPath();
      String body = new String(readAll(ex.getRequestBody()), StandardCharsets.UTF_8);
      Map<String, String> query = parseForm(ex.getRequestURI().getRawQuery());
      boolean form = "POST".equals(ex.getRequestMethod())
          && !rawPath.endsWith("/receivers/simple");
      Request req = new Request(ex.getRequestMethod(), rawPath, query,
          form ? parseForm(body) : Map.of(), body,
          ex.getRequestHeaders().getFirst("Authorization"), ex.getRequestHeaders().getFirst("Cookie"));
      requests.add(req);

      String app = null;
      String rest;
      Matcher ns = NS.matcher(rawPath);
      if (ns.matches()) {
        app = decode(ns.group(2));
        rest = ns.group(3);
      } else if (rawPath.startsWith("/services/")) {
        rest = rawPath.substring("/services/".length());
      } else {
        send(ex, 404, "text/xml", message("ERROR", "Not Found"));
        return;
      }
      if (rest.equals("auth/login") && req.method().equals("POST")) {
        login(ex, req);
        return;
      }
      if (!authenticated(req)) {
        send(ex, 401, "text/xml", message("WARN", "call not properly authenticated"));
        return;
      }
      route(ex, req, app, rest);
    } catch (RuntimeException e) {
      e.printStackTrace();
      send(ex, 500, "text/xml", message("ERROR", "fake splunkd: " + e));
    }
  }

  private void route(HttpExchange ex, Request req, String app, String rest) throws IOException {
    Matcher m;
    if (rest.equals("server/info")) {
      send(ex, 200, "text/xml", feed("server-info", List.of(entry("server-info",
          "/services/server/info/server-info", dict(Map.of(
              "version", version, "build", "fake", "serverName", "fake-splunkd",
              "product_type", "enterprise"))))));
    } else if (rest.equals("data/indexes")) {
      List<String> entries = new ArrayList<>();
      for (String idx : List.copyOf(indexes)) {
        entries.add(entry(idx, "/servicesNS/nobody/search/data/indexes/" + idx,
            dict(Map.of("totalEventCount", "0", "disabled", "0"))));
      }
      send(ex, 200, "text/xml", feed("indexes", entries));
    } else if (rest.equals("receivers/simple") && req.method().equals("POST")) {
      send(ex, 200, "text/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response>\n\t<results>\n"
          + "\t\t<result>\n\t\t\t<field k='_index'>\n\t\t\t\t<value><text>" + req.query().get("index")
          + "</text></value>\n\t\t\t</field>\n\t\t\t<field k='bytes'>\n\t\t\t\t<value><text>"
          + req.body().getBytes(StandardCharsets.UTF_8).length + "</text></value>\n\t\t\t</field>\n"
          + "\t\t</result>\n\t</results>\n</response>\n");
    } else if (rest.matches("search/(v2/)?jobs") && req.method().equals("POST")) {
      String search = req.form().get("search");
      String sid = newJob(search, null, req.form());
      send(ex, 201, "text/xml", sidResponse(sid));
    } else if ((m = JOB.matcher(rest)).matches()) {
      Job job = jobs.get(decode(m.group(1)));
      if (job == null) {
        send(ex, 404, "text/xml", message("FATAL", "Unknown sid."));
      } else if (m.group(2) == null) {
        jobStatus(ex, job);
      } else if (m.group(2).equals("/control")) {
        job.cancelled = "cancel".equals(req.form().get("action"));
        send(ex, 200, "text/xml", message("INFO", "Search job cancelled."));
      } else {
        Map<String, String> args = req.method().equals("POST") ? req.form() : req.query();
        results(ex, job, args);
      }
    } else if (rest.equals("saved/searches") && req.method().equals("GET")) {
      List<String> entries = new ArrayList<>();
      savedSearches.forEach((name, apps) -> {
        for (String a : apps) {
          if (app != null && !app.equals("-") && !app.equals(a)) {
            continue;
          }
          String path = "/servicesNS/nobody/" + a + "/saved/searches/" + encode(name);
          entries.add(entry(name, path, "<s:dict>\n<s:key name=\"search\">" + xml("| search " + name)
              + "</s:key>\n<s:key name=\"eai:acl\"><s:dict><s:key name=\"app\">" + a
              + "</s:key><s:key name=\"owner\">nobody</s:key><s:key name=\"sharing\">app</s:key>"
              + "</s:dict></s:key>\n</s:dict>"));
        }
      });
      send(ex, 200, "text/xml", feed("savedsearch", entries));
    } else if ((m = DISPATCH.matcher(rest)).matches() && req.method().equals("POST")) {
      String name = decode(m.group(1));
      if (!savedSearches.containsKey(name)) {
        send(ex, 404, "text/xml", message("ERROR", "Could not find object id=" + name));
        return;
      }
      String sid = newJob(null, name, req.form());
      send(ex, 201, "text/xml", sidResponse(sid));
    } else {
      send(ex, 404, "text/xml", message("ERROR", "Not Found: " + rest));
    }
  }

  private void login(HttpExchange ex, Request req) throws IOException {
    if (USER.equals(req.form().get("username")) && PASSWORD.equals(req.form().get("password"))) {
      ex.getResponseHeaders().add("Set-Cookie",
          "splunkd_" + port() + "=" + SESSION_KEY + "; Path=/; Secure; HttpOnly; Max-Age=3600");
      send(ex, 200, "text/xml", "<response>\n  <sessionKey>" + SESSION_KEY + "</sessionKey>\n"
          + "  <messages>\n    <msg code=\"\"></msg>\n  </messages>\n</response>\n");
    } else {
      send(ex, 401, "text/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response>\n  <messages>\n"
          + "    <msg type=\"WARN\" code=\"incorrect_username_or_password\">Login failed</msg>\n"
          + "  </messages>\n</response>\n");
    }
  }

  private boolean authenticated(Request req) {
    String auth = req.authorization();
    if (("Splunk " + SESSION_KEY).equals(auth) || ("Bearer " + TOKEN).equals(auth)) {
      return true;
    }
    return req.cookie() != null && req.cookie().contains("splunkd_" + port() + "=" + SESSION_KEY);
  }

  private String newJob(String search, String savedSearch, Map<String, String> args) {
    String sid = savedSearch == null
        ? "1732250000." + nextSid.getAndIncrement()
        : "admin__nobody__search__RMD5fake_at_1732250000_" + nextSid.getAndIncrement();
    Script script = scripts.getOrDefault(savedSearch != null ? savedSearch : search, Script.done(List.of()));
    jobs.put(sid, new Job(sid, search, savedSearch, Map.copyOf(args), script));
    return sid;
  }

  private void jobStatus(HttpExchange ex, Job job) throws IOException {
    int poll = job.polls.getAndIncrement();
    boolean failed = !job.script.fatal().isEmpty();
    boolean done = failed || poll >= job.script.pollsBeforeDone();
    String state;
    if (job.cancelled) {
      state = "FAILED";
    } else if (done) {
      state = failed ? "FAILED" : "DONE";
    } else {
      state = poll == 0 ? "QUEUED" : poll == 1 ? "PARSING" : "RUNNING";
    }
    StringBuilder messages = new StringBuilder();
    if (failed) {
      messages.append("<s:key name=\"messages\"><s:dict><s:key name=\"fatal\"><s:list>");
      for (String f : job.script.fatal()) {
        messages.append("<s:item>").append(xml(f)).append("</s:item>");
      }
      messages.append("</s:list></s:key></s:dict></s:key>\n");
    } else {
      messages.append("<s:key name=\"messages\"><s:dict/></s:key>\n");
    }
    String content = "<s:dict>\n"
        + "<s:key name=\"sid\">" + job.sid + "</s:key>\n"
        + "<s:key name=\"dispatchState\">" + state + "</s:key>\n"
        + "<s:key name=\"doneProgress\">" + (done ? "1.00000" : "0.50000") + "</s:key>\n"
        + "<s:key name=\"isDone\">" + (done || job.cancelled ? 1 : 0) + "</s:key>\n"
        + "<s:key name=\"isFailed\">" + (failed || job.cancelled ? 1 : 0) + "</s:key>\n"
        + "<s:key name=\"isFinalized\">0</s:key>\n"
        + "<s:key name=\"resultCount\">" + (done && !failed ? job.script.results().size() : 0) + "</s:key>\n"
        + messages
        + "</s:dict>";
    String entry = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<entry xmlns=\"http://www.w3.org/2005/Atom\" xmlns:s=\"http://dev.splunk.com/ns/rest\" "
        + "xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\">\n"
        + "  <title>" + xml(job.search == null ? job.savedSearch : job.search) + "</title>\n"
        + "  <id>https://127.0.0.1:8089/services/search/jobs/" + job.sid + "</id>\n"
        + "  <updated>2024-11-22T05:00:00.000+00:00</updated>\n"
        + "  <link href=\"/services/search/jobs/" + job.sid + "\" rel=\"alternate\"/>\n"
        + "  <published>2024-11-22T05:00:00.000+00:00</published>\n"
        + "  <link href=\"/services/search/jobs/" + job.sid + "/results\" rel=\"results\"/>\n"
        + "  <link href=\"/services/search/jobs/" + job.sid + "/control\" rel=\"control\"/>\n"
        + "  <author><name>admin</name></author>\n"
        + "  <content type=\"text/xml\">\n" + content + "\n  </content>\n</entry>\n";
    send(ex, 200, "text/xml", entry);
  }

  private void results(HttpExchange ex, Job job, Map<String, String> args) throws IOException {
    if (!"json".equals(args.get("output_mode"))) {
      send(ex, 400, "text/xml", message("ERROR", "fake splunkd serves results as JSON only"));
      return;
    }
    List<Map<String, Object>> all = job.script.results();
    int offset = Integer.parseInt(args.getOrDefault("offset", "0"));
    int count = Integer.parseInt(args.getOrDefault("count", "100"));
    int end = count == 0 ? all.size() : Math.min(all.size(), offset + count);
    List<Map<String, Object>> page = offset >= all.size() ? List.of() : all.subList(offset, end);
    Set<String> fields = new LinkedHashSet<>();
    for (Map<String, Object> row : all) {
      fields.addAll(row.keySet());
    }
    StringBuilder sb = new StringBuilder("{\"preview\":false,\"init_offset\":").append(offset)
        .append(",\"messages\":[],\"fields\":[");
    boolean first = true;
    for (String f : fields) {
      sb.append(first ? "" : ",").append("{\"name\":").append(json(f)).append('}');
      first = false;
    }
    sb.append("],\"results\":[");
    first = true;
    for (Map<String, Object> row : page) {
      sb.append(first ? "" : ",").append('{');
      first = false;
      boolean firstField = true;
      for (Map.Entry<String, Object> e : row.entrySet()) {
        sb.append(firstField ? "" : ",").append(json(e.getKey())).append(':');
        firstField = false;
        if (e.getValue() instanceof List<?> list) {
          sb.append('[');
          for (int i = 0; i < list.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(json(String.valueOf(list.get(i))));
          }
          sb.append(']');
        } else {
          sb.append(json(String.valueOf(e.getValue())));
        }
      }
      sb.append('}');
    }
    sb.append("],\"highlighted\":{}}");
    send(ex, 200, "application/json; charset=UTF-8", sb.toString());
  }

  // ---- splunkd's shapes

  private static String feed(String title, List<String> entries) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:s=\"http://dev.splunk.com/ns/rest\" "
        + "xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\">\n"
        + "  <title>" + title + "</title>\n"
        + "  <id>https://127.0.0.1:8089/services/" + title + "</id>\n"
        + "  <updated>2024-11-22T05:00:00+00:00</updated>\n"
        + "  <generator build=\"fake\" version=\"9.1.2\"/>\n"
        + "  <author>\n    <name>Splunk</name>\n  </author>\n"
        + "  <opensearch:totalResults>" + entries.size() + "</opensearch:totalResults>\n"
        + "  <opensearch:itemsPerPage>30</opensearch:itemsPerPage>\n"
        + "  <opensearch:startIndex>0</opensearch:startIndex>\n"
        + "  <s:messages/>\n"
        + String.join("", entries)
        + "</feed>\n";
  }

  private static String entry(String title, String path, String dict) {
    return "  <entry>\n"
        + "    <title>" + xml(title) + "</title>\n"
        + "    <id>https://127.0.0.1:8089" + path + "</id>\n"
        + "    <updated>2024-11-22T05:00:00+00:00</updated>\n"
        + "    <link href=\"" + path + "\" rel=\"alternate\"/>\n"
        + "    <author>\n      <name>nobody</name>\n    </author>\n"
        + "    <link href=\"" + path + "\" rel=\"list\"/>\n"
        + "    <link href=\"" + path + "\" rel=\"edit\"/>\n"
        + "    <content type=\"text/xml\">\n      " + dict + "\n    </content>\n"
        + "  </entry>\n";
  }

  private static String dict(Map<String, String> values) {
    StringBuilder sb = new StringBuilder("<s:dict>\n");
    new java.util.TreeMap<>(values).forEach((k, v) ->
        sb.append("        <s:key name=\"").append(k).append("\">").append(xml(v)).append("</s:key>\n"));
    return sb.append("      </s:dict>").toString();
  }

  private static String sidResponse(String sid) {
    return "<?xml version='1.0' encoding='UTF-8'?>\n<response>\n  <sid>" + sid + "</sid>\n</response>\n";
  }

  static String message(String type, String text) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response>\n  <messages>\n    <msg type=\""
        + type + "\">" + xml(text) + "</msg>\n  </messages>\n</response>\n";
  }

  // ---- plumbing

  private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Server", "Splunkd");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }

  static Map<String, String> parseForm(String encoded) {
    Map<String, String> out = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return out;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.put(k, v);
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String json(String s) {
    return new com.google.gson.JsonPrimitive(s).toString();
  }
}
