package io.ecd.cli.splunk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of one tool: {@code --name value} options, {@code --flag}s and positional
 * arguments. Unknown, repeated or valueless options are usage errors naming the tool and the
 * option. Options that would carry a secret are refused with a pointer to the supported ways.
 */
final class CliArgs {
  private static final Set<String> SECRET_OPTIONS =
      Set.of("--password", "--token", "--username", "--user", "--session-key", "--auth");

  private final String tool;
  private final Map<String, String> values = new LinkedHashMap<>();
  private final Set<String> flags = new LinkedHashSet<>();
  private final List<String> positional = new ArrayList<>();

  private CliArgs(String tool) {
    this.tool = tool;
  }

  /**
   * Parses {@code args}. {@code valued} are the options that take a value, {@code flagNames} the
   * ones that do not. {@code --name=value} is accepted too. {@code --} ends the options.
   */
  static CliArgs parse(String tool, String[] args, Set<String> valued, Set<String> flagNames) {
    CliArgs parsed = new CliArgs(tool);
    boolean optionsEnded = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (optionsEnded || !arg.startsWith("--") || arg.equals("-")) {
        if (!optionsEnded && arg.startsWith("-") && !arg.equals("-")) {
          throw parsed.error("unknown option " + arg);
        }
        parsed.positional.add(arg);
        continue;
      }
      if (arg.equals("--")) {
        optionsEnded = true;
        continue;
      }
      String name = arg;
      String inline = null;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.substring(0, eq);
        inline = arg.substring(eq + 1);
      }
      if (SECRET_OPTIONS.contains(name)) {
        // the value is deliberately not echoed
        throw parsed.error(
            "credentials are never taken from the command line (" + name + "); set SPLUNK_TOKEN, "
                + "or SPLUNK_USERNAME and SPLUNK_PASSWORD, in the environment, or use --token-file PATH");
      }
      if (flagNames.contains(name)) {
        if (inline != null) {
          throw parsed.error("option " + name + " takes no value");
        }
        parsed.flags.add(name);
      } else if (valued.contains(name)) {
        String value = inline;
        if (value == null) {
          if (i + 1 >= args.length) {
            throw parsed.error("option " + name + " needs a value");
          }
          value = args[++i];
        }
        if (parsed.values.putIfAbsent(name, value) != null) {
          throw parsed.error("option " + name + " is given more than once");
        }
      } else {
        throw parsed.error("unknown option " + name);
      }
    }
    return parsed;
  }

  boolean flag(String name) {
    return flags.contains(name);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  /** The option's value, or {@code fallback}. An empty value is an error. */
  String string(String name, String fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    if (v.isBlank()) {
      throw error("option " + name + " needs a non-empty value");
    }
    return v;
  }

  String required(String name, String what) {
    String v = string(name, null);
    if (v == null) {
      throw error("missing required option " + name + " " + what);
    }
    return v;
  }

  /** A whole number in [min, max], or {@code fallback}. */
  int integer(String name, int fallback, int min, int max) {
    String v = string(name, null);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw error(
        "option " + name + " has value '" + v + "'; expected a whole number between " + min
            + " and " + max);
  }

  /** One of {@code choices}, or {@code fallback}. */
  String choice(String name, String fallback, List<String> choices) {
    String v = string(name, fallback);
    if (v != null && !choices.contains(v)) {
      throw error(
          "option " + name + " has value '" + v + "'; expected one of " + String.join(", ", choices));
    }
    return v;
  }

  List<String> positional() {
    return List.copyOf(positional);
  }

  CliException error(String message) {
    return CliException.usage(tool + ": " + message + " (see " + tool + " --help)");
  }
}
