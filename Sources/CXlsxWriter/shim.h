// The one place the C library is included; the Xlsx module is its only user.
#include <xlsxwriter.h>
