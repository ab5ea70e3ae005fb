#!/usr/bin/env python3
"""Writes the bad-input corpus: <case>.bin (bytes splunkd would send) and <case>.expect.

Each .expect holds: command (run as `<launcher> <command>`), exit (expected exit code) and error
(a substring of the ERROR message the user reads). Offsets in the messages are computed here from
the bytes as built, per docs/scp-v2.md section 2. Re-run from this folder after changing a case;
cases found by fuzzing are added as files by hand (see README.md).
"""
import json

KEY = "Jpsi0TESTKEYk7WzqYv2^mXWL_session_0123456789"


def getinfo_meta(command, *args):
    si = {"args": list(args), "raw_args": list(args),
          "dispatch_dir": "/opt/splunk/var/run/splunk/dispatch/1629787812.122",
          "sid": "1629787812.122", "app": "email_collection_detections", "owner": "admin",
          "username": "admin", "session_key": KEY, "splunkd_uri": "https://127.0.0.1:8089",
          "splunk_version": "8.2.1", "search": "%7C%20makeresults%20%7C%20" + command,
          "command": command, "maxresultrows": 50000, "earliest_time": "0", "latest_time": "0"}
    o = {"action": "getinfo", "preview": False, "streaming_command_will_restart": False,
         "searchinfo": si}
    return json.dumps(o, separators=(",", ":"), ensure_ascii=False).encode()


def frame(meta, body=b""):
    if isinstance(meta, str):
        meta = meta.encode()
    if isinstance(body, str):
        body = body.encode()
    return b"chunked 1.0,%d,%d\n" % (len(meta), len(body)) + meta + body


def getinfo(command="echo", *args):
    return frame(getinfo_meta(command, *args))


EXEC_T = '{"action":"execute","finished":true}'   # 36 bytes
EXEC_F = '{"action":"execute","finished":false}'  # 37 bytes
BODY = '_time,x,"__mv__time","__mv_x"\n1,a,,\n2,b,,\n'

cases = {}


def case(name, data, error, command="echo", exit=1):
    cases[name] = (data, error, command, exit)


G = getinfo()
g = len(G)
case("garbage_instead_of_header", b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
     "echo: frame 1 at byte 0: expected 'chunked 1.0,<metadata length>,<body length>\\n' but got 'GET / HTTP/1.1\\r\\n'")
case("binary_garbage_after_getinfo", G + bytes(range(256)),
     "echo: frame 2 at byte %d: expected 'chunked 1.0,<metadata length>,<body length>\\n' but got '\\x00\\x01" % g)
case("non_numeric_length", G + b"chunked 1.0,abc,0\n{}",
     "frame 2 at byte %d: expected 'chunked 1.0,<metadata length>,<body length>\\n' but got 'chunked 1.0,abc,0\\n'" % g)
case("negative_length", G + b"chunked 1.0,36,-5\n" + EXEC_T.encode(),
     "frame 2 at byte %d: expected 'chunked 1.0,<metadata length>,<body length>\\n' but got 'chunked 1.0,36,-5\\n'" % g)
case("overflowing_length", G + b"chunked 1.0,36,99999999999999999999\n" + EXEC_T.encode(),
     "frame 2 at byte %d: body length overflows in header 'chunked 1.0,36,99999999999999999999\\n'" % g)
case("overflowing_metadata_length", b"chunked 1.0,2147483648,0\n",
     "frame 1 at byte 0: metadata length overflows in header")
case("gigabyte_body_declared_not_sent", G + b"chunked 1.0,36,1000000000\n" + EXEC_T.encode() + b"_time\n1\n",
     "frame 2 at byte %d: body length 1000000000 exceeds the limit of 268435456 bytes; lower maxresultrows"
     " for this search or raise ECD_MAX_BODY_BYTES" % g)
case("metadata_over_limit", b"chunked 1.0,16777217,0\n{",
     "frame 1 at byte 0: metadata length 16777217 exceeds the limit of 16777216 bytes (ECD_MAX_METADATA_BYTES)")
case("header_too_long", b"chunked 1.0," + b"0" * 200 + b",0\n{}",
     "frame 1 at byte 0: header longer than 128 bytes (ECD_MAX_HEADER_BYTES) without a newline")
case("wrong_protocol_version", b"chunked 2.0,2,0\n{}",
     "frame 1 at byte 0: unsupported protocol version in header 'chunked 2.0,2,0\\n'; expected 'chunked 1.0'")
case("metadata_not_json", G + frame("action=execute", BODY),
     "frame 2 at byte %d (metadata at byte %d): metadata is not valid JSON" % (g, g + len("chunked 1.0,14,%d\n" % len(BODY))))
case("metadata_not_an_object", frame("[\"getinfo\"]"),
     "echo: frame 1 at byte 0 (metadata at byte 17): metadata is an array; expected a JSON object")
case("metadata_json_cut_short", frame('{"action":"getinfo","searchinfo":{"args":['),
     "echo: frame 1 at byte 0 (metadata at byte 17): metadata is not valid JSON")
GM = getinfo_meta("echo")
case("metadata_truncated_by_end_of_input", b"chunked 1.0,%d,0\n" % len(GM) + GM[:300],
     "frame 1 at byte %d: metadata declared %d bytes but the input ended after 300" % (len("chunked 1.0,%d,0\n" % len(GM)), len(GM)))
case("execute_before_getinfo", frame(EXEC_T, BODY),
     "echo: frame 1 at byte 0: expected a getinfo request first but got execute; splunkd always starts with getinfo")
case("unknown_action", G + frame('{"action":"reticulate","finished":true}'),
     "frame 2 at byte %d (metadata at byte %d): unknown action 'reticulate'; expected \"getinfo\" or \"execute\"" % (g, g + 17))
case("second_getinfo", G + G, "frame 2 at byte %d: expected an execute request but got a second getinfo" % g)
full = frame(EXEC_T, BODY)
case("body_shorter_than_declared", G + full[:-10],
     "frame 2 at byte %d: body declared %d bytes but the input ended after %d" % (g + 18 + 36, len(BODY), len(BODY) - 10))
case("stdin_closed_mid_header", G + b"chunked 1.0,3",
     "frame 2 at byte %d: input ended inside the header after 13 bytes: 'chunked 1.0,3'" % g)
case("stdin_closed_mid_metadata", G + b"chunked 1.0,36,0\n{\"action\":\"exe",
     "frame 2 at byte %d: metadata declared 36 bytes but the input ended after 14" % (g + 17))
bad_utf8 = b"x,__mv_x\nab\xc3\x28,\n"
case("body_not_utf8", G + frame(EXEC_T, bad_utf8),
     "frame 2 at byte %d: body is not valid UTF-8 at byte %d (offset 11 in the body)" % (g, g + 18 + 36 + 11))
unbalanced = 'x\n1\n"abc,\n'
case("unbalanced_quote", G + frame(EXEC_T, unbalanced),
     "frame 2 at byte %d: body has a quote opened at byte %d that is never closed" % (g, g + 18 + 36 + 4))
case("unbalanced_quote_mid_body", G + frame(EXEC_T, 'x,__mv_x\n"abc,\n2,\n'),
     "frame 2 at byte %d: body row near line 2 (byte %d) is not valid CSV" % (g, g + 18 + 36 + 9))
ragged = "a,b,__mv_a,__mv_b\n1,2,,\n3,4\n"
case("ragged_rows", G + frame(EXEC_F, ragged) ,
     "frame 2 at byte %d: body row near line 3 (byte %d) is not valid CSV" % (g, g + 18 + 37 + 24))
mv = "x,__mv_x\nab,$a$;b\n"
case("malformed_multivalue_cell", G + frame(EXEC_T, mv),
     "frame 2 at byte %d: body line 2, column 2: malformed multivalue cell '$a$;b' at char 4; expected '$' opening a value" % g)
# found by fuzzing (BodyCodecFuzzTest): the CSV parser's message quoted a raw NUL
case("nul_after_closing_quote", G + frame(EXEC_T, 'x,y\n"a"\x00,b\n'),
     "frame 2 at byte %d: body row near line 2 (byte %d) is not valid CSV: Unexpected character after"
     " closing quote: '\\u0000' (0x0)" % (g, g + 18 + 36 + 4))
# found by fuzzing (BodyCodecFuzzTest): an empty line was taken for a row with one cell
case("empty_line_in_a_body", G + frame(EXEC_T, "a,b,__mv_a,__mv_b\n1,2,,\n\n3,4,,\n"),
     "frame 2 at byte %d: body row at line 3 (byte %d) has 1 cells but the header has 4; expected every"
     " row to have as many cells as the header" % (g, g + 18 + 36 + 24))
case("duplicate_field_in_header", G + frame(EXEC_T, "x,x\n1,2\n"),
     "frame 2 at byte %d: body header names field 'x' twice" % g)
cols = ",".join("f%d" % i for i in range(10001))
case("too_many_fields", G + frame(EXEC_T, cols + "\n"),
     "body header has 10001 columns, more than the limit of 10000 (ECD_MAX_FIELDS)")
# options, for each command
case("echo_bad_option_value", getinfo("echo", "type=sideways"),
     "echo: invalid value 'sideways' for option type; expected one of streaming, stateful")
case("echo_unknown_option", getinfo("echo", "feilds=x"),
     "echo: unknown option 'feilds'; expected one of fields, type, tag")
case("echo_positional_argument", getinfo("echo", "x"),
     "echo: unexpected argument 'x'; expected name=value options")
case("echo_option_given_twice", getinfo("echo", "tag=a", "TAG=b"),
     "echo: option 'tag' is given more than once")
case("echo_option_value_escaped_and_cut", getinfo("echo", "type=\x1b[31mred\u202e" + "z" * 300),
     "echo: invalid value '\\u001b[31mred\\u202ezzzz")
case("collect_unknown_option", getinfo("collect", "logging_configuration=/etc/passwd"),
     "collect: unknown option 'logging_configuration'", command="collect")
case("count_unknown_option", getinfo("count", "log=../../../../tmp/x.log"),
     "count: unknown option 'log'", command="count")
case("boom_bad_option_value", getinfo("boom", "at=0"),
     "boom: invalid value '0' for option at; expected a whole number between 1 and 1000", command="boom")
case("boom_not_a_number", getinfo("boom", "at=1e3x"),
     "boom: invalid value '1e3x' for option at", command="boom")
# the app's commands (run through the jar's entry point)
M = "mailboxcollection"
case("mailboxcollection_lookup_path_option", getinfo(M, "lookup=/etc/passwd"),
     "mailboxcollection: unknown option 'lookup'; expected one of", command=M)
case("mailboxcollection_bad_profile", getinfo(M, "profile=paranoid"),
     "mailboxcollection: invalid value 'paranoid' for option profile; expected one of documented, extended",
     command=M)
case("mailboxcollection_bad_keep", getinfo(M, "keep=\x07beep"),
     "mailboxcollection: invalid value '\\u0007beep' for option keep; expected one of suspicious", command=M)
case("mailboxcollection_bad_boolean", getinfo(M, "distributed=perhaps"),
     "mailboxcollection: invalid value 'perhaps' for option distributed; expected true or false", command=M)
S = "stdevoutlier"
case("stdevoutlier_missing_field", getinfo(S), "stdevoutlier: missing required option field=<numeric field>",
     command=S)
case("stdevoutlier_threshold_zero", getinfo(S, "field=bytes", "threshold=0"),
     "stdevoutlier: invalid value '0' for option threshold; expected a number greater than 0", command=S)
case("stdevoutlier_log_path_option", getinfo(S, "field=bytes", "logfile=/tmp/x.log"),
     "stdevoutlier: unknown option 'logfile'; expected one of", command=S)
case("stdevoutlier_bad_relative_time", getinfo(S, "field=bytes", "current=-1\x1bq@" + "d" * 200),
     "stdevoutlier: invalid value '-1\\u001bq@ddd", command=S)
case("stdevoutlier_quote_in_field_name", getinfo(S, 'field=a"b'),
     "stdevoutlier: invalid value 'a\"b' for option field", command=S)

for name, (data, error, command, exit_code) in cases.items():
    with open(name + ".bin", "wb") as f:
        f.write(data)
    with open(name + ".expect", "w", encoding="utf-8") as f:
        f.write("command=%s\nexit=%d\nerror=%s\n" % (command, exit_code, error.replace("\\", "\\\\")))
print(len(cases), "cases")
