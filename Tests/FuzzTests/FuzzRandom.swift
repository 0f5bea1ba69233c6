import WorkspaceGenerator

/// The workspace generator's SplitMix64: a tiny, fast generator whose whole state is one number, so
/// every input the driver tries is rebuilt exactly from its seed (`KINHPHI_FUZZ_REPLAY=target:seed`).
typealias FuzzRandom = SplitMix64

extension SplitMix64 {
  /// True with probability 1/n.
  mutating func oneIn(_ n: Int) -> Bool { below(n) == 0 }

  mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

  /// The seed of the `index`-th input of a target: independent streams per target and index.
  static func inputSeed(base: UInt64, target: String, index: Int) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a of the target name: stable across runs
    for byte in target.utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
    }
    var mixer = SplitMix64(seed: base ^ hash ^ (UInt64(index) &* 0xD6E8_FEB8_6659_FD93))
    return mixer.next()
  }
}
