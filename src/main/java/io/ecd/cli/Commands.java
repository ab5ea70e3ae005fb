package io.ecd.cli;

import io.ecd.command.CommandFactory;
import io.ecd.commands.stdev.StdevOutlierFactory;
import java.util.Map;
import java.util.TreeMap;

/** The app's search commands by name, as commands.conf names them. */
public final class Commands {
  private static final Map<String, CommandFactory> ALL = new TreeMap<>();

  static {
    // one line per search command
    ALL.put(io.ecd.commands.mailbox.MailboxCollectionCommand.NAME,
        io.ecd.commands.mailbox.MailboxCollectionCommand.factory());
    ALL.put(StdevOutlierFactory.NAME, new StdevOutlierFactory());
  }

  private Commands() {}

  /** The factory of the named command, or null. */
  public static CommandFactory find(String name) {
    return ALL.get(name);
  }

  /** Every command name. */
  public static Iterable<String> names() {
    return ALL.keySet();
  }
}
