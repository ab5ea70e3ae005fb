package io.ecd.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecd.command.Fields;
import io.ecd.command.Record;
import io.ecd.protocol.frame.Frame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BodyCodecTest {
  private final BodyDecoder decoder = new BodyDecoder();
  private final BodyEncoder encoder = new BodyEncoder();

  private static Frame frame(String body) {
    return frame(body.getBytes(StandardCharsets.UTF_8));
  }

  private static Frame frame(byte[] body) {
    return new Frame(3, 1000, 18, new byte[37], body);
  }

  private String encode(List<Record> records) {
    BodyEncoder.Body b = encoder.encode(records);
    return new String(b.toByteArray(), StandardCharsets.UTF_8);
  }

  @Test
  void decodesTheRecordedReduceBody() {
    List<Record> rs = decoder.decode(frame("total,\"__mv_total\"\n\"2147943.07811\",\n"));
    assertEquals(List.of(Record.of("total", "2147943.07811")), rs);
  }

  @Test
  void emptyBodyAndHeaderOnlyBodyHaveNoRecords() {
    assertEquals(List.of(), decoder.decode(frame("")));
    assertEquals(List.of(), decoder.decode(frame("age,\"_chunked_idx\",\"__mv_age\",\"__mv__chunked_idx\"\n")));
  }

  @Test
  void emptyCellsAreNull() {
    Record r = decoder.decode(frame("a,b,\"__mv_a\",\"__mv_b\"\n,x,,\n")).get(0);
    assertEquals(null, r.get("a"));
    assertEquals(false, r.has("a"));
    assertEquals("x", r.get("b"));
  }

  private static String utf8(Record r, String field) {
    Record.Utf8 v = r.utf8(r.fields().indexOf(field));
    return v == null ? null : new String(v.bytes(), v.from(), v.to() - v.from(), StandardCharsets.UTF_8);
  }

  @Test
  void utf8ReadsACellInPlaceOnlyWhenItsBytesAreItsValue() {
    Record r = decoder.decode(frame("a,b,c,d,e,f,\"__mv_a\",\"__mv_b\",\"__mv_c\",\"__mv_d\",\"__mv_e\",\"__mv_f\"\n"
        + "plain,\"quoted, with a comma\",\"say \"\"hi\"\"\",,zo\u00eb,x,,,,,,\"$1$;$2$\"\n")).get(0);
    assertEquals("plain", utf8(r, "a"));
    assertEquals("quoted, with a comma", utf8(r, "b"));
    assertEquals(null, utf8(r, "c"), "a doubled quote must be undoubled: not in place");
    assertEquals("say \"hi\"", r.get("c"));
    assertEquals(null, utf8(r, "d"), "an empty cell is null");
    assertEquals("zo\u00eb", utf8(r, "e"));
    assertEquals(null, utf8(r, "f"), "a multivalue field is read through first()");
    r.put("a", "changed");
    assertEquals(null, utf8(r, "a"), "a value the command set is no longer the cell");
    r.put("added", "x");
    assertEquals(null, utf8(r, "added"));
  }

  @Test
  void multivalueCellWinsOverTheDisplayValue() {
    // scp-v2.md §7: _si shown as FIREFLY-WINbeatles beside $FIREFLY-WIN$;$beatles$
    Record r = decoder.decode(frame(
        "\"_si\",\"__mv__si\"\n\"FIREFLY-WINbeatles\",\"$FIREFLY-WIN$;$beatles$\"\n")).get(0);
    assertEquals(List.of("FIREFLY-WIN", "beatles"), r.getAll("_si"));
  }

  @Test
  void multivalueDollarsAreUndoubled() {
    Record r = decoder.decode(frame("f,\"__mv_f\"\nx,\"$a$;$b$$c$;$$\"\n")).get(0);
    assertEquals(List.of("a", "b$c", ""), r.getAll("f"));
  }

  @Test
  void rejectsAMalformedMultivalueCellNamingLineAndColumn() {
    CodecException e = assertThrows(CodecException.class,
        () -> decoder.decode(frame("f,\"__mv_f\"\nx,\"$a$;b\"\n")));
    assertEquals("frame 3 at byte 1000: body line 2, column 2: malformed multivalue cell '$a$;b' at char 4;"
        + " expected '$' opening a value ($a$;$b$ with $ doubled inside values)", e.getMessage());
  }

  @Test
  void rejectsRaggedRowsWithTheirByteOffset() {
    // header 4 bytes, row 1 "1,2\n" 4 bytes: the bad row starts at body offset 8
    CodecException e = assertThrows(CodecException.class,
        () -> decoder.decode(frame("a,b\n1,2\n3\n")));
    assertTrue(e.getMessage().startsWith("frame 3 at byte 1000: body row near line 3 (byte "
        + (1000 + 18 + 37 + 8) + ") is not valid CSV"), e.getMessage());
  }

  @Test
  void rejectsAnUnbalancedQuote() {
    CodecException e = assertThrows(CodecException.class,
        () -> decoder.decode(frame("a,b\n1,\"2\n")));
    assertTrue(e.getMessage().contains("quote opened at byte " + (1000 + 18 + 37 + 6)
        + " that is never closed"), e.getMessage());
  }

  @Test
  void rejectsInvalidUtf8AtItsOffset() {
    byte[] body = {'a', '\n', 'x', (byte) 0xC3, '(', '\n'};
    CodecException e = assertThrows(CodecException.class, () -> decoder.decode(frame(body)));
    assertEquals("frame 3 at byte 1000: body is not valid UTF-8 at byte 1058 (offset 3 in the body)",
        e.getMessage());
  }

  @Test
  void invalidUtf8AfterARaggedRowIsReportedBeforeTheRaggedRow() {
    byte[] body = {'a', ',', 'b', '\n', '1', '\n', 'x', ',', (byte) 0xC3, '(', '\n'};
    CodecException e = assertThrows(CodecException.class, () -> decoder.decode(frame(body)));
    assertEquals("frame 3 at byte 1000: body is not valid UTF-8 at byte 1063 (offset 8 in the body)",
        e.getMessage());
  }

  @Test
  void embeddedNewlinesQuotesAndNonAsciiSurviveARoundTrip() {
    Record in = Record.of("text", "line1\nline2, \"quoted\"", "ทt", "😀 عربى 한국어", "_time", "1599171244.277");
    in.putAll("mv", List.of("a", "b$c", "x,y\nz"));
    String body = encode(List.of(in));
    List<Record> out = decoder.decode(frame(body));
    assertEquals(List.of(in), out);
  }

  @Test
  void writesInterleavedHeaderMinimalQuotingAndBothMultivalueCells() {
    Record r = Record.of("a", "1", "b", "x,y");
    r.putAll("m", List.of("p", "q$"));
    assertEquals("a,__mv_a,b,__mv_b,m,__mv_m\n1,,\"x,y\",,\"p\nq$\",$p$;$q$$$\n", encode(List.of(r)));
  }

  @Test
  void replyColumnsAreTheUnionOfAllRecordsKeys() {
    Record first = Record.of("a", "1");
    Record second = Record.of("b", "2");
    second.put("a", "3");
    assertEquals("a,__mv_a,b,__mv_b\n1,,,\n3,,2,\n", encode(List.of(first, second)));
  }

  @Test
  void fieldsWithoutAnyValueAreLeftOut() {
    Fields shared = Fields.of(List.of("a", "unused"));
    Record r = new Record(shared).put("a", "1");
    assertEquals("a,__mv_a\n1,\n", encode(List.of(r)));
  }

  @Test
  void noRecordsGiveAnEmptyBody() {
    assertEquals("", encode(List.of()));
  }

  @Test
  void recordsDecodedFromOneBodyShareTheirFields() {
    List<Record> rs = decoder.decode(frame("a,\"__mv_a\"\n1,\n2,\n"));
    assertTrue(rs.get(0).fields() == rs.get(1).fields());
    assertEquals(Map.of("a", List.of("2")), rs.get(1).toMap());
  }

  @Test
  void quotedValueEndingInCarriageReturnEndsItsRow() {
    // FastCSV 4.0.0 took the LF after such a value for the end of a CR LF and merged the next row in
    List<Record> rs = decoder.decode(frame("x,y\n\"a\",\"b\r\"\n1,2\n\"\r\",3\n"));
    assertEquals(List.of(Record.of("x", "a", "y", "b\r"), Record.of("x", "1", "y", "2"),
        Record.of("x", "\r", "y", "3")), rs);
  }
  @Test
  void aReplyKeepsTheRequestHeaderAndCopiesUnchangedRowsWholeWithAddedFieldsAfterThem() {
    // CR LF rows, a quoted cell that needs no quotes and a multivalue arrive as splunkd wrote them
    String in = "\"_time\",\"ip addr\",\"__mv__time\",\"__mv_ip addr\"\r\n"
        + "\"1599171244.277\",\"a\nb\",,\"$a$;$b$\"\r\n"
        + "7,\"plain\",,\r\n";
    List<Record> rs = decoder.decode(frame(in));
    assertEquals(List.of("a", "b"), rs.get(0).getAll("ip addr"));
    rs.get(0).put("score", 1);
    rs.get(1).put("score", 0);
    assertEquals("\"_time\",\"ip addr\",\"__mv__time\",\"__mv_ip addr\",score,__mv_score\n"
        + "\"1599171244.277\",\"a\nb\",,\"$a$;$b$\",1,\n"
        + "7,\"plain\",,,0,\n", encode(rs));
  }

  @Test
  void aReplyWithARecordOfItsOwnFieldsAfterTheFirstTakesTheUnionOfFieldsAsItsHeader() {
    List<Record> rs = new ArrayList<>(decoder.decode(frame("a,b,\"__mv_a\",\"__mv_b\"\n1,2,,\n3,4,,\n")));
    rs.add(1, Record.of("c", "new", "a", "5"));
    assertEquals("a,__mv_a,b,__mv_b,c,__mv_c\n1,,2,,,\n5,,,,new,\n3,,4,,,\n", encode(rs));
  }

  @Test
  void anAddedFieldIsWrittenAfterTheRowAsItArrivedWithOneValueSeveralOrNone() {
    List<Record> rs = decoder.decode(frame("a,\"__mv_a\"\n1,\n2,\n3,\n"));
    rs.get(0).put("s", "one");
    rs.get(1).putAll("s", List.of("x", "y"));
    assertEquals("a,\"__mv_a\",s,__mv_s\n1,,one,\n2,,\"x\ny\",$x$;$y$\n3,,,\n", encode(rs));
  }

  @Test
  void aChangedRowIsWrittenInTheRequestsColumnOrder() {
    List<Record> rs = decoder.decode(frame("a,b,\"__mv_a\",\"__mv_b\"\n1,2,,\n3,4,,\n"));
    rs.get(0).putAll("b", List.of("x", "y$"));
    rs.get(1).remove("a");
    assertEquals("a,b,\"__mv_a\",\"__mv_b\"\n1,\"x\ny$\",,$x$;$y$$$\n,4,,\n", encode(rs));
  }

  @Test
  void aRowWithAQuoteInsideAnUnquotedCellIsRewrittenNotCopied() {
    List<Record> rs = decoder.decode(frame("a,\"__mv_a\"\nx\"\"y,\n"));
    assertEquals("x\"\"y", rs.get(0).get("a"));
    assertEquals("a,\"__mv_a\"\n\"x\"\"\"\"y\",\n", encode(rs));
  }

  @Test
  void aRequestWithoutAnMvColumnPerFieldGetsTheInterleavedHeader() {
    assertEquals("a,__mv_a,b,__mv_b\n1,,2,\n", encode(decoder.decode(frame("a,b\n1,2\n"))));
  }

  @Test
  void recordsFromTwoRequestsGetTheInterleavedHeader() {
    List<Record> rs = new java.util.ArrayList<>(decoder.decode(frame("a,\"__mv_a\"\n1,\n")));
    rs.addAll(decoder.decode(frame("a,\"__mv_a\"\n2,\n")));
    assertEquals("a,__mv_a\n1,\n2,\n", encode(rs));
  }
}
