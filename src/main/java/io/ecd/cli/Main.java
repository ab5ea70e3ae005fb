package io.ecd.cli;

import io.ecd.command.CommandFactory;
import io.ecd.log.Logs;
import io.ecd.protocol.ProtocolEngine;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code java -jar email_collection_detections.jar <command>}: serves a search command to splunkd
 * (protocol v2 on stdin/stdout). {@code detect}, {@code replay} and {@code verify} are tools for
 * detection engineers. Exit codes: 0 ok, 1 failure or mismatch, 2 usage error.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    if (args.length == 0) {
      usage(System.err);
      return 2;
    }
    String name = args[0];
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    CommandFactory factory = Commands.find(name);
    if (factory != null) {
      return ProtocolEngine.serveProcess(name, factory);
    }
    switch (name) {
      case "-h", "--help", "help" -> {
        usage(System.out);
        return 0;
      }
      case "--version", "version" -> {
        System.out.println(Logs.APP + " " + version());
        return 0;
      }
      default -> {
        Tool tool = Tools.find(name);
        if (tool != null) {
          return tool.run(rest, System.out, System.err);
        }
        System.err.println(Logs.APP + ": unknown command '" + name + "'");
        usage(System.err);
        return 2;
      }
    }
  }

  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  private static void usage(PrintStream out) {
    out.println("usage: java -jar " + Logs.APP + ".jar <command> [args]");
    out.println();
    out.println("search commands (run by splunkd, protocol v2 on stdin/stdout):");
    for (String name : Commands.names()) {
      out.println("  " + name);
    }
    out.println();
    out.println("tools:");
    for (String name : Tools.names()) {
      out.println("  " + name + "  " + Tools.find(name).summary());
    }
    out.println("  --version");
  }
}
