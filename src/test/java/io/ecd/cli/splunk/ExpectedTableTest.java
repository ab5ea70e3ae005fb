package io.ecd.cli.splunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpectedTableTest {
  @TempDir Path dir;

  private Path file(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void csvHeaderNamesTheColumnsAndQuotedLineBreaksAreMultivalue() throws IOException {
    Table t = ExpectedTable.read(file("e.csv", "\uFEFFuser,src_ip\r\na,\"1.1.1.1\r\n2.2.2.2\"\r\nb,\r\n"));
    assertEquals(List.of("user", "src_ip"), t.columns());
    assertEquals(List.of(Map.of("user", "a", "src_ip", "1.1.1.1\n2.2.2.2"), Map.of("user", "b", "src_ip", "")), t.rows());
  }

  @Test
  void headerOnlyCsvExpectsNoRows() throws IOException {
    Table t = ExpectedTable.read(file("e.csv", "user,count\n"));
    assertEquals(List.of("user", "count"), t.columns());
    assertTrue(t.rows().isEmpty());
  }

  @Test
  void jsonScalarsNullsAndArraysBecomeCells() throws IOException {
    Table t = ExpectedTable.read(file("e.json",
        "{\"results\":[{\"user\":\"a\",\"n\":2.50,\"ok\":true,\"gone\":null,\"ips\":[\"1.1.1.1\",\"2.2.2.2\"]},{\"user\":\"b\",\"x\":\"y\"}]}"));
    assertEquals(List.of("user", "n", "ok", "gone", "ips", "x"), t.columns());
    assertEquals(Map.of("user", "a", "n", "2.50", "ok", "true", "gone", "", "ips", "1.1.1.1\n2.2.2.2"), t.rows().get(0));
  }

  @Test
  void badFilesNameFileAndPlace() throws IOException {
    Path ragged = file("r.csv", "a,b\n1,2\n3\n");
    CliException e1 = assertThrows(CliException.class, () -> ExpectedTable.read(ragged));
    assertTrue(e1.getMessage().startsWith("verify: --expect " + ragged + " is not valid CSV: "), e1.getMessage());
    assertEquals(2, e1.exitCode());

    Path dup = file("d.csv", "a,a\n1,2\n");
    assertEquals("verify: --expect " + dup + ":1 names column 'a' twice in its header",
        assertThrows(CliException.class, () -> ExpectedTable.read(dup)).getMessage());

    Path nested = file("n.json", "[{\"a\":1},{\"a\":{\"b\":2}}]");
    assertEquals("verify: --expect " + nested + ": row 2 has an object in 'a'; expected a string, a number or an array of them",
        assertThrows(CliException.class, () -> ExpectedTable.read(nested)).getMessage());

    Path notArray = file("o.json", "{\"a\":1}");
    assertEquals("verify: --expect " + notArray + " holds no array of rows; expected [ {...}, ... ] or {\"results\": [...]}",
        assertThrows(CliException.class, () -> ExpectedTable.read(notArray)).getMessage());

    Path missing = dir.resolve("missing.csv");
    assertEquals("verify: --expect " + missing + " does not exist",
        assertThrows(CliException.class, () -> ExpectedTable.read(missing)).getMessage());
  }
}
