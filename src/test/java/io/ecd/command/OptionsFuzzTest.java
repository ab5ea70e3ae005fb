package io.ecd.command;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ecd.testing.Messages;
import java.util.ArrayList;
import java.util.List;

/** Coverage-guided fuzzing of option parsing: any arguments give values or a readable CommandException. */
class OptionsFuzzTest {
  private static final String[] NAMES = {"threshold", "count", "mode", "enabled", "field", "lookup"};

  enum Mode { FAST, EXACT }

  @FuzzTest(maxDuration = "60s")
  void anyArgumentsGiveValuesOrACommandException(FuzzedDataProvider data) {
    List<String> args = new ArrayList<>();
    int n = data.consumeInt(0, 6);
    for (int i = 0; i < n; i++) {
      args.add(data.consumeBoolean()
          ? data.pickValue(NAMES) + "=" + data.consumeString(40) : data.consumeString(40));
    }
    try {
      Options o = Options.parse("fuzzcmd", args);
      double t = o.number("threshold", 2, -1e6, 1e6);
      assertTrue(t >= -1e6 && t <= 1e6);
      long c = o.integer("count", 5, 0, 1000);
      assertTrue(c >= 0 && c <= 1000);
      o.choice("mode", Mode.FAST);
      o.bool("enabled", true);
      o.string("field", "user");
      if (data.consumeBoolean()) {
        o.required("lookup", "file name");
      }
      o.checkAllUsed();
    } catch (CommandException e) {
      assertTrue(e.getMessage().startsWith("fuzzcmd: "), e.getMessage());
      Messages.assertReadable(e.getMessage());
    }
  }
}
