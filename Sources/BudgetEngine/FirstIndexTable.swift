/// The first row index of each distinct key, for the duplicate checks over a million rows.
///
/// A `[String: Int]` hashed every id with SipHash and touched ~40 MB of dictionary storage; this table
/// stores only a 32-bit hash and the row index in one word per slot (open addressing, linear probing)
/// and compares keys through the caller, which reads them from the rows themselves. The table is
/// never iterated, so its layout cannot change any output.
struct FirstIndexTable {
  /// `hash32 << 32 | (index + 1)`; 0 = empty.
  private var slots: [UInt64]
  private let mask: Int

  /// Room for `count` keys at most half full.
  init(capacity count: Int) {
    var size = 16
    while size < count * 2 { size *= 2 }
    slots = Array(repeating: 0, count: size)
    mask = size - 1
  }

  /// The index stored for the key, storing `index` first when the key is new. `isEqual(i)` says
  /// whether the key of row `i` equals the key being looked up.
  @inline(__always)
  mutating func firstIndex(hash: UInt64, index: Int, isEqual: (Int) -> Bool) -> Int {
    precondition(index >= 0 && index < Int(UInt32.max), "row indices fit in 32 bits")
    let tag = hash >> 32
    var position = Int(truncatingIfNeeded: hash) & mask
    while true {
      let slot = slots[position]
      if slot == 0 {
        slots[position] = tag << 32 | UInt64(index + 1)
        return index
      }
      if slot >> 32 == tag {
        let stored = Int(slot & 0xFFFF_FFFF) - 1
        if isEqual(stored) { return stored }
      }
      position = (position + 1) & mask
    }
  }

  /// The index stored for the key, or nil.
  func find(hash: UInt64, isEqual: (Int) -> Bool) -> Int? {
    let tag = hash >> 32
    var position = Int(truncatingIfNeeded: hash) & mask
    while true {
      let slot = slots[position]
      if slot == 0 { return nil }
      if slot >> 32 == tag {
        let stored = Int(slot & 0xFFFF_FFFF) - 1
        if isEqual(stored) { return stored }
      }
      position = (position + 1) & mask
    }
  }
}

/// A fast, deterministic 64-bit hash of text and integers (FNV-1a over the UTF-8 bytes, then a
/// murmur finaliser so the low bits used for the slot are well mixed). Not for untrusted keys at
/// scale: a file built to collide only slows its own check.
struct RowHash {
  private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  @inline(__always)
  mutating func combine(_ text: String) {
    var text = text
    text.withUTF8 { bytes in
      for byte in bytes { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
    }
    value = (value ^ 0xFF) &* 0x100_0000_01b3  // end of text: "ab"+"c" differs from "a"+"bc"
  }

  @inline(__always)
  mutating func combine(_ number: Int64) {
    value = (value ^ UInt64(bitPattern: number)) &* 0x100_0000_01b3
    value ^= value >> 29
  }

  var finalized: UInt64 {
    var mixed = value
    mixed ^= mixed >> 33
    mixed = mixed &* 0xff51_afd7_ed55_8ccd
    mixed ^= mixed >> 33
    mixed = mixed &* 0xc4ce_b9fe_1a85_ec53
    mixed ^= mixed >> 33
    return mixed
  }
}
