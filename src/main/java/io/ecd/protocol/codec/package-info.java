/**
 * The codec layer: frames' metadata JSON ({@link io.ecd.protocol.codec.MetadataCodec}) and CSV
 * bodies in splunkd's dialect, {@code __mv_} multivalue columns included ({@link
 * io.ecd.protocol.codec.BodyDecoder}, {@link io.ecd.protocol.codec.BodyEncoder}). Errors are {@link
 * io.ecd.protocol.codec.CodecException}s naming the frame, and the row or byte offset.
 */
package io.ecd.protocol.codec;
