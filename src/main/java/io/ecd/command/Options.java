package io.ecd.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A command's SPL options, {@code name=value} each, with typed, validated access. Every error names
 * the command, the option and the value, and says what was expected. Call {@link #checkAllUsed()}
 * once all options are read, so that a misspelt option is reported rather than ignored.
 */
public final class Options {
  private static final int MAX_ECHO = 80;
  private static final java.util.regex.Pattern NUMBER =
      java.util.regex.Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  private final String command;
  private final Map<String, String> values;
  private final Set<String> used = new LinkedHashSet<>();

  private Options(String command, Map<String, String> values) {
    this.command = command;
    this.values = values;
  }

  /**
   * Parses {@code args} as splunkd passes them in {@code searchinfo.args}: quotes already
   * stripped, one {@code name=value} per item.
   */
  public static Options parse(String command, List<String> args) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new CommandException(
            command + ": unexpected argument " + quote(arg) + "; expected name=value options");
      }
      String name = arg.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String value = arg.substring(eq + 1);
      if (values.putIfAbsent(name, value) != null) {
        throw new CommandException(command + ": option " + quote(name) + " is given more than once");
      }
    }
    return new Options(command, values);
  }

  /** Options with no values; for offline runs. */
  public static Options none(String command) {
    return new Options(command, new LinkedHashMap<>());
  }

  /** The command these options belong to. */
  public String command() {
    return command;
  }

  /** True when the option was given. */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** A string option, or {@code fallback} when absent. An empty value is an error. */
  public String string(String name, String fallback) {
    used.add(name);
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    if (v.isEmpty()) {
      throw invalid(name, v, "a non-empty value");
    }
    return v;
  }

  /** A string option that must be given. */
  public String required(String name, String what) {
    String v = string(name, null);
    if (v == null) {
      throw new CommandException(command + ": missing required option " + name + "=<" + what + ">");
    }
    return v;
  }

  /** A finite number in [min, max], or {@code fallback} when absent. */
  public double number(String name, double fallback, double min, double max) {
    String v = string(name, null);
    if (v == null) {
      return fallback;
    }
    String t = v.trim();
    if (!NUMBER.matcher(t).matches()) {
      throw invalid(name, v, "a number between " + fmt(min) + " and " + fmt(max));
    }
    double d = Double.parseDouble(t);
    if (!Double.isFinite(d) || d < min || d > max) {
      throw invalid(name, v, "a number between " + fmt(min) + " and " + fmt(max));
    }
    return d;
  }

  /** A whole number in [min, max], or {@code fallback} when absent. */
  public long integer(String name, long fallback, long min, long max) {
    String v = string(name, null);
    if (v == null) {
      return fallback;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(name, v, "a whole number between " + min + " and " + max);
  }

  /** A boolean as Splunk writes them (true/false, t/f, 1/0, yes/no), or {@code fallback}. */
  public boolean bool(String name, boolean fallback) {
    String v = string(name, null);
    if (v == null) {
      return fallback;
    }
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true", "t", "1", "yes", "y" -> true;
      case "false", "f", "0", "no", "n" -> false;
      default -> throw invalid(name, v, "true or false");
    };
  }

  /** One of an enum's values, matched by its lower-case name, or {@code fallback}. */
  public <E extends Enum<E>> E choice(String name, E fallback) {
    String v = string(name, null);
    if (v == null) {
      return fallback;
    }
    List<String> allowed = new ArrayList<>();
    for (E e : fallback.getDeclaringClass().getEnumConstants()) {
      String wire = e.name().toLowerCase(Locale.ROOT);
      allowed.add(wire);
      if (wire.equals(v.trim().toLowerCase(Locale.ROOT))) {
        return e;
      }
    }
    throw invalid(name, v, "one of " + String.join(", ", allowed));
  }

  /** Fails on any option that no accessor asked for, listing the known ones. */
  public void checkAllUsed() {
    for (String name : values.keySet()) {
      if (!used.contains(name)) {
        throw new CommandException(
            command + ": unknown option " + quote(name) + "; expected one of " + String.join(", ", used));
      }
    }
  }

  /** An error for a bad value, in the form every option error takes. */
  public CommandException invalid(String name, String value, String expected) {
    return new CommandException(
        command + ": invalid value " + quote(value) + " for option " + name + "; expected " + expected);
  }

  /**
   * Quotes a user-supplied value for a message: {@link #escape escaped}, cut at 80 chars, in single
   * quotes.
   */
  public static String quote(String value) {
    return "'" + escape(value, MAX_ECHO) + "'";
  }

  /**
   * Text made safe to show: control characters, bidirectional overrides and unpaired surrogates
   * escaped as {@code \\uXXXX}; text longer than {@code maxChars} cut (never inside a surrogate
   * pair) with its length shown as {@code ...(N chars)}.
   */
  public static String escape(String text, int maxChars) {
    int n = Math.min(text.length(), maxChars);
    if (n < text.length() && n > 0 && Character.isHighSurrogate(text.charAt(n - 1))
        && Character.isLowSurrogate(text.charAt(n))) {
      n--;
    }
    StringBuilder b = new StringBuilder(n + 16);
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      boolean paired = Character.isHighSurrogate(c) && i + 1 < n
          && Character.isLowSurrogate(text.charAt(i + 1));
      if (paired) {
        b.append(c).append(text.charAt(++i));
      } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || Character.isSurrogate(c)
          || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    if (text.length() > maxChars) {
      b.append("...(").append(text.length()).append(" chars)");
    }
    return b.toString();
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  @Override
  public String toString() {
    return command + " " + values;
  }
}
