/// SplitMix64: a tiny, fast generator whose whole state is one number, so every input the driver
/// tries is rebuilt exactly from its seed (`KINHPHI_FUZZ_REPLAY=target:seed`).
struct FuzzRandom: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in 0..<bound (bound > 0).
  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

  /// True with probability 1/n.
  mutating func oneIn(_ n: Int) -> Bool { below(n) == 0 }

  mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

  /// The seed of the `index`-th input of a target: independent streams per target and index.
  static func inputSeed(base: UInt64, target: String, index: Int) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a of the target name: stable across runs
    for byte in target.utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
    }
    var mixer = FuzzRandom(seed: base ^ hash ^ (UInt64(index) &* 0xD6E8_FEB8_6659_FD93))
    return mixer.next()
  }
}
