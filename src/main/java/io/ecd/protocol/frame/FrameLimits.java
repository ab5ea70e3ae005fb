package io.ecd.protocol.frame;

/**
 * Hard caps on what a frame may declare, so that a corrupt or hostile header cannot make the
 * process allocate without bound.
 *
 * @param maxHeaderBytes longest header line, newline included (default 128)
 * @param maxMetadataBytes largest metadata (default 16 MiB; getinfo is under 4 KiB in practice)
 * @param maxBodyBytes largest body (default 256 MiB, about four times a 50,000-row chunk with
 *     {@code _raw}, which is about 61 MB); a larger declared length is refused before any of it is read
 */
public record FrameLimits(int maxHeaderBytes, int maxMetadataBytes, int maxBodyBytes) {

  /** The defaults: 128 B header, 16 MiB metadata, 256 MiB body. */
  public static final FrameLimits DEFAULT = new FrameLimits(128, 16 << 20, 256 << 20);

  public FrameLimits {
    if (maxHeaderBytes < 24 || maxMetadataBytes < 2 || maxBodyBytes < 0
        || maxMetadataBytes > Integer.MAX_VALUE - 64 || maxBodyBytes > Integer.MAX_VALUE - 64) {
      throw new IllegalArgumentException(
          "frame limits too small: header " + maxHeaderBytes + ", metadata " + maxMetadataBytes
              + ", body " + maxBodyBytes);
    }
  }
}
