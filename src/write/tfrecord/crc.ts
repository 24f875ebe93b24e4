import { crc32c } from '@node-rs/crc32';

/** CRC-32C (Castagnoli) of `data`, as TFRecord uses it (hardware-accelerated via @node-rs/crc32). */
export function crc32cOf(data: Uint8Array): number {
  return crc32c(data) >>> 0;
}

/** TFRecord's masked CRC: rotate right by 15 bits, add 0xa282ead8 (mod 2^32). */
export function maskCrc(crc: number): number {
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;
}

export function unmaskCrc(masked: number): number {
  const rot = (masked - 0xa282ead8) >>> 0;
  return ((rot >>> 17) | (rot << 15)) >>> 0;
}

export function maskedCrc32c(data: Uint8Array): number {
  return maskCrc(crc32cOf(data));
}
