package io.ecd.command;

/** Builds a command from its parsed options; throws {@link CommandException} for bad options. */
@FunctionalInterface
public interface CommandFactory {
  SearchCommand create(Options options, SearchContext context);
}
