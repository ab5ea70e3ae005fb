package io.ecd.log;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Secrets seen in this process (the session key); every log line and message passes through {@link #redact}. */
public final class Secrets {
  private static final List<String> SECRETS = new CopyOnWriteArrayList<>();
  private static final String MASK = "********";

  private Secrets() {}

  /** Remembers a secret so that it is masked wherever it would be shown. Short values are ignored. */
  public static void register(String secret) {
    if (secret != null && secret.length() >= 6 && !SECRETS.contains(secret)) {
      SECRETS.add(secret);
    }
  }

  /** {@code text} with every registered secret masked. */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String s : SECRETS) {
      if (out.contains(s)) {
        out = out.replace(s, MASK);
      }
    }
    return out;
  }
}
