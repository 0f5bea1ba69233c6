// The Xlsx module; its sources are being written.
