/**
 * The frame layer of the chunked protocol (v2): bytes in, bytes out. A {@link
 * io.ecd.protocol.frame.FrameReader} reads {@code chunked 1.0,<meta>,<body>\n} headers and exact
 * byte counts; a {@link io.ecd.protocol.frame.FrameWriter} writes replies. Nothing here knows JSON or
 * CSV. Errors are {@link io.ecd.protocol.frame.FrameException}s carrying frame number and byte offset.
 */
package io.ecd.protocol.frame;
