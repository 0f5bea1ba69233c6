// The system's zlib (Debian: zlib1g-dev), inflated by BudgetIO's own zip reader (XlsxZipReader.swift).
#include <zlib.h>
