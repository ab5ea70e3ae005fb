package io.ecd.cli.splunk;

import io.ecd.log.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the tools authenticate to splunkd: a token (from {@code --token-file} or {@code
 * SPLUNK_TOKEN}), or a user name and password ({@code SPLUNK_USERNAME}, {@code
 * SPLUNK_PASSWORD}). {@link #toString()} never shows a secret, and no message built here holds
 * one.
 *
 * <p>A token that looks like a JSON Web Token (Splunk authentication tokens do) is sent as {@code
 * Authorization: Bearer ...}; any other token is taken as a session key and sent as {@code
 * Authorization: Splunk ...}. A value that already starts with {@code Bearer } or {@code Splunk }
 * is sent as given.
 */
final class Credentials {
  static final String TOKEN_ENV = "SPLUNK_TOKEN";
  static final String USERNAME_ENV = "SPLUNK_USERNAME";
  static final String PASSWORD_ENV = "SPLUNK_PASSWORD";

  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
  private static final long MAX_TOKEN_FILE_BYTES = 64 * 1024;

  private final String authorization;
  private final String username;
  private final String password;
  private final String origin;

  private Credentials(String authorization, String username, String password, String origin) {
    this.authorization = authorization;
    this.username = username;
    this.password = password;
    this.origin = origin;
    for (String secret : secrets()) {
      Secrets.register(secret);
    }
  }

  /**
   * The credentials to use: {@code tokenFile} when given, else {@code SPLUNK_TOKEN}, else {@code
   * SPLUNK_USERNAME} with {@code SPLUNK_PASSWORD}.
   */
  static Credentials resolve(String tool, Path tokenFile, Map<String, String> env) {
    if (tokenFile != null) {
      return token(readTokenFile(tool, tokenFile), "token file " + tokenFile);
    }
    String token = env.get(TOKEN_ENV);
    if (token != null && !token.isBlank()) {
      return token(token.strip(), TOKEN_ENV);
    }
    String user = env.get(USERNAME_ENV);
    String pass = env.get(PASSWORD_ENV);
    boolean hasUser = user != null && !user.isBlank();
    boolean hasPass = pass != null && !pass.isEmpty();
    if (hasUser && hasPass) {
      return new Credentials(null, user.strip(), pass, USERNAME_ENV + "/" + PASSWORD_ENV);
    }
    if (hasUser != hasPass) {
      throw CliException.usage(
          tool + ": " + (hasUser ? PASSWORD_ENV : USERNAME_ENV) + " is not set; "
              + USERNAME_ENV + " and " + PASSWORD_ENV + " go together");
    }
    throw CliException.usage(
        tool + ": no Splunk credentials: set " + TOKEN_ENV + ", or " + USERNAME_ENV + " and "
            + PASSWORD_ENV + ", in the environment, or pass --token-file PATH");
  }

  private static Credentials token(String value, String origin) {
    String header;
    if (value.startsWith("Bearer ") || value.startsWith("Splunk ")) {
      header = value;
    } else if (JWT.matcher(value).matches()) {
      header = "Bearer " + value;
    } else {
      header = "Splunk " + value;
    }
    return new Credentials(header, null, null, origin);
  }

  private static String readTokenFile(String tool, Path file) {
    try {
      if (Files.size(file) > MAX_TOKEN_FILE_BYTES) {
        throw CliException.usage(
            tool + ": --token-file " + file + " is larger than 64 KiB; expected a file holding one token");
      }
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        throw CliException.usage(tool + ": --token-file " + file + " is empty; expected one token");
      }
      if (text.chars().anyMatch(c -> c == '\n' || c == '\r')) {
        throw CliException.usage(
            tool + ": --token-file " + file + " holds more than one line; expected one token");
      }
      return text;
    } catch (NoSuchFileException e) {
      throw CliException.usage(tool + ": --token-file " + file + " does not exist");
    } catch (IOException e) {
      // the exception names the file and the I/O problem only, never the content
      throw CliException.usage(tool + ": cannot read --token-file " + file + ": " + e.getClass().getSimpleName());
    }
  }

  boolean isToken() {
    return authorization != null;
  }

  /** The {@code Authorization} header value; only for a token. */
  String authorization() {
    return authorization;
  }

  String username() {
    return username;
  }

  String password() {
    return password;
  }

  /** Where the credentials came from, e.g. {@code SPLUNK_TOKEN}; safe to print. */
  String origin() {
    return origin;
  }

  /** Every secret, for checks that output holds none of them. */
  java.util.List<String> secrets() {
    return authorization != null
        ? java.util.List.of(authorization.substring(authorization.indexOf(' ') + 1))
        : java.util.List.of(password);
  }

  /** {@code text} with every secret replaced by {@code ****}; a last guard on anything printed. */
  String scrub(String text) {
    String out = text;
    for (String secret : secrets()) {
      if (secret != null && secret.length() >= 4) {
        out = out.replace(secret, "****");
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "Credentials[" + (isToken() ? "token" : "user " + username) + " from " + origin + "]";
  }
}
