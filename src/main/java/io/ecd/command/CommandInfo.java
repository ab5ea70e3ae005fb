package io.ecd.command;

import java.util.List;

/**
 * What a command declares in its getinfo reply.
 *
 * @param type the command type
 * @param requiredFields the fields splunkd must send, or {@code null} for all fields
 */
public record CommandInfo(CommandType type, List<String> requiredFields) {
  public CommandInfo {
    if (type == null) {
      throw new IllegalArgumentException("type must not be null");
    }
    requiredFields = requiredFields == null ? null : List.copyOf(requiredFields);
  }

  /** A command of this type that reads every field. */
  public static CommandInfo of(CommandType type) {
    return new CommandInfo(type, null);
  }
}
