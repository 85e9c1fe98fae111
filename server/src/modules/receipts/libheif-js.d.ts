// Just what the HEIC decoder uses of libheif-js, which ships no declarations for its wrapper.
declare module 'libheif-js/wasm-bundle' {
  interface HeifImage {
    get_width(): number;
    get_height(): number;
    is_primary(): boolean;
    /** Decodes into `target` (RGBA) and calls back with it, or with null when decoding failed. */
    display(
      target: { data: Uint8ClampedArray; width: number; height: number },
      done: (result: { data: Uint8ClampedArray } | null) => void,
    ): void;
    free(): void;
  }
  interface HeifDecoder {
    decoder: { delete(): void } | null;
    decode(file: Uint8Array): HeifImage[];
  }
  const libheif: {
    HeifDecoder: new () => HeifDecoder;
    HEAPU8: Uint8Array;
    HEAPU32: Uint32Array;
    /** The address of libheif's default limits, copied into every context made after. */
    _heif_get_global_security_limits(): number;
  };
  export = libheif;
}
