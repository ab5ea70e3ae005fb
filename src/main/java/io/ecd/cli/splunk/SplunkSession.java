package io.ecd.cli.splunk;

import com.splunk.HttpException;
import com.splunk.HttpService;
import com.splunk.Service;
import com.splunk.ServiceArgs;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Opens an authenticated {@link Service} on splunkd and turns every way that can fail into a
 * {@link CliException} that says what went wrong and what to do.
 *
 * <p>How SDK 1.9.5 does TLS, which this class relies on: {@code HttpService} keeps one static
 * {@code SSLSocketFactory} for the whole JVM. With {@code setValidateCertificates(true)} (the SDK's
 * default) the factory comes from {@code SSLContext.init(null, null, null)}, so certificates are
 * checked against the JVM's trust store; with {@code false} it trusts every certificate. Host names
 * are checked by the SDK's verifier, which accepts {@code localhost}, {@code 127.0.0.1} and {@code
 * ::1} outright and otherwise defers to {@code HttpsURLConnection.getDefaultHostnameVerifier()}
 * (the JDK's, which only accepts a name that matches the certificate). {@code --insecure}
 * therefore turns certificate validation off and installs an accept-all default host name verifier;
 * without it both are restored. Connect and read timeouts are per {@code Service} and apply to
 * every REST call ({@code HttpURLConnection}); without them a call can wait forever.
 */
final class SplunkSession {
  private static final HostnameVerifier JDK_HOSTNAME_VERIFIER =
      HttpsURLConnection.getDefaultHostnameVerifier();
  private static final HostnameVerifier ANY_HOST = (host, session) -> true;

  private SplunkSession() {}

  /**
   * Connects and authenticates: logs in with user name and password, or sets the token and reads
   * {@code /services/server/info} so that a bad token or an unreachable host fails here, before
   * any work.
   */
  static Service connect(String tool, Target target, Credentials credentials, PrintStream verbose) {
    configureTls(target.insecure());
    ServiceArgs args = new ServiceArgs();
    args.setHost(target.host());
    args.setPort(target.port());
    args.setScheme(target.scheme());
    if (target.app() != null) {
      // owner "-" (the SDK's default) is a wildcard; POSTs such as creating a search job want a
      // real owner, as the Python SDK uses: the user, or "nobody" when only a token is known
      args.setApp(target.app());
      args.setOwner(credentials.isToken() ? "nobody" : credentials.username());
    }
    Service service = new Service(args);
    service.setConnectTimeout(target.connectTimeoutMillis());
    service.setReadTimeout(target.readTimeoutMillis());
    if (verbose != null) {
      verbose.println(
          tool + ": connecting to " + target.url() + " (TLS verification "
              + (target.insecure() ? "OFF" : "on") + "; credentials from " + credentials.origin() + ")");
    }
    try {
      if (credentials.isToken()) {
        service.setToken(credentials.authorization());
        service.version = service.getInfo().getVersion();
      } else {
        service.login(credentials.username(), credentials.password());
      }
    } catch (RuntimeException e) {
      throw failure(tool, target, credentials, e);
    }
    if (verbose != null) {
      verbose.println(tool + ": connected; splunkd version " + service.version);
    }
    return service;
  }

  /** Sets the SDK's JVM-wide TLS state for {@code insecure}. */
  static synchronized void configureTls(boolean insecure) {
    HttpService.setValidateCertificates(!insecure);
    // a factory set earlier by someone else must not outlive this choice
    HttpService.setSSLSocketFactory(HttpService.createSSLFactory());
    HttpsURLConnection.setDefaultHostnameVerifier(insecure ? ANY_HOST : JDK_HOSTNAME_VERIFIER);
  }

  /** A clear, exit-code-bearing error for {@code e}, thrown by the SDK while talking to target. */
  static CliException failure(String tool, Target target, Credentials credentials, RuntimeException e) {
    if (e instanceof CliException cli) {
      return cli;
    }
    String where = " at " + target.url();
    if (e instanceof HttpException http) {
      String detail = http.getDetail() == null || http.getDetail().isBlank()
          ? "" : ": " + oneLine(http.getDetail());
      if (http.getStatus() == 401) {
        return new CliException(CliException.USAGE,
            tool + ": splunkd" + where + " refused the credentials from " + credentials.origin()
                + " (HTTP 401" + detail + ")", e);
      }
      if (http.getStatus() == 403) {
        return new CliException(CliException.USAGE,
            tool + ": splunkd" + where + " denied the request (HTTP 403" + detail
                + "); the user needs the capability for it", e);
      }
      return new CliException(CliException.USAGE,
          tool + ": splunkd" + where + " answered HTTP " + http.getStatus() + detail, e);
    }
    Throwable cause = e;
    while (cause != null) {
      if (cause instanceof SocketTimeoutException) {
        return new CliException(CliException.USAGE,
            tool + ": splunkd" + where + " did not answer in time (" + cause.getMessage()
                + "; connect timeout " + seconds(target.connectTimeoutMillis()) + ", read timeout "
                + seconds(target.readTimeoutMillis()) + "); is the host and port right and reachable?", e);
      }
      if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
        return new CliException(CliException.USAGE,
            tool + ": cannot connect to splunkd" + where + " (" + cause.getMessage()
                + "); is splunkd running, and is " + target.port() + " its management port?", e);
      }
      if (cause instanceof UnknownHostException) {
        return new CliException(CliException.USAGE,
            tool + ": unknown host " + target.host() + " (--host)", e);
      }
      if (cause instanceof SSLHandshakeException && hasCertificateCause(cause)) {
        return new CliException(CliException.USAGE,
            tool + ": the TLS certificate of splunkd" + where + " is not trusted ("
                + rootMessage(cause) + "). For a lab Splunk with a self-signed certificate pass "
                + "--insecure; otherwise add its CA to the Java trust store", e);
      }
      if (cause instanceof SSLException) {
        return new CliException(CliException.USAGE,
            tool + ": TLS with splunkd" + where + " failed (" + rootMessage(cause)
                + "); if the port speaks plain HTTP, pass --scheme http", e);
      }
      String message = cause.getMessage();
      if (message != null && message.startsWith("HTTPS hostname wrong")) {
        return new CliException(CliException.USAGE,
            tool + ": the TLS certificate of splunkd" + where + " does not name host "
                + target.host() + ". For a lab Splunk pass --insecure; otherwise connect by the "
                + "name in its certificate", e);
      }
      cause = cause.getCause() == cause ? null : cause.getCause();
    }
    return new CliException(CliException.USAGE,
        tool + ": talking to splunkd" + where + " failed: " + rootMessage(e), e);
  }

  private static boolean hasCertificateCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof CertificateException) {
        return true;
      }
      String name = c.getClass().getName();
      if (name.endsWith("ValidatorException") || name.endsWith("CertPathBuilderException")) {
        return true;
      }
    }
    return false;
  }

  static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return root.getClass().getSimpleName() + (m == null ? "" : ": " + oneLine(m));
  }

  private static String seconds(int millis) {
    return millis % 1000 == 0
        ? millis / 1000 + " s"
        : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  static String oneLine(String s) {
    String t = s.strip().replaceAll("\\s+", " ");
    return t.length() > 300 ? t.substring(0, 300) + "..." : t;
  }
}
