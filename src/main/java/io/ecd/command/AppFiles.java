package io.ecd.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Files a command may open because an option names them (lookups), confined to one of the app's
 * folders: an option gives a plain file name, never a path, and the file it names must really lie
 * in that folder (a symbolic link pointing out of it is refused).
 */
public final class AppFiles {
  private AppFiles() {}

  /** {@code $SPLUNK_HOME/etc/apps/<app>/lookups}, or null when SPLUNK_HOME is not set. */
  public static Path lookupsDir(String splunkHome, String app) {
    if (splunkHome == null || splunkHome.isBlank()) {
      return null;
    }
    return Path.of(splunkHome, "etc", "apps", app, "lookups").toAbsolutePath().normalize();
  }

  /**
   * The regular file called {@code name} in {@code folder}, as option {@code option} of {@code
   * command} names it.
   *
   * @throws CommandException when the name is not a plain file name, or no such file is in the folder
   */
  public static Path confined(String command, String option, String name, Path folder) {
    String expected = "the name of a file in " + folder.getFileName() + "/ (no folders, no '..')";
    if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
        || name.indexOf('\\') >= 0 || name.indexOf(':') >= 0 || name.indexOf('\0') >= 0) {
      throw invalid(command, option, name, expected);
    }
    Path file;
    try {
      file = folder.resolve(name).normalize();
    } catch (InvalidPathException e) {
      throw invalid(command, option, name, expected);
    }
    if (!folder.equals(file.getParent())) {
      throw invalid(command, option, name, expected);
    }
    if (!Files.isRegularFile(file)) {
      throw new CommandException(command + ": option " + option + " names " + Options.quote(name)
          + ", which is not a file in " + folder + "; expected " + expected);
    }
    try {
      Path real = file.toRealPath();
      if (!real.startsWith(folder.toRealPath())) {
        throw new CommandException(command + ": option " + option + " names " + Options.quote(name)
            + ", a link that points out of " + folder + "; expected a file in that folder");
      }
      return real;
    } catch (IOException e) {
      throw new CommandException(command + ": cannot read " + Options.quote(name) + " in " + folder
          + " (option " + option + "): " + e.getMessage(), e);
    }
  }

  private static CommandException invalid(String command, String option, String value, String expected) {
    return new CommandException(
        command + ": invalid value " + Options.quote(value) + " for option " + option + "; expected " + expected);
  }
}
