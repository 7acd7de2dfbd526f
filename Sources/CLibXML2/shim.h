#include <libxml/xmlversion.h>
/*
 * Debian builds libxml2 with ICU, so <libxml/encoding.h> includes the system's <unicode/ucnv.h>, whose
 * UErrorCode clashes with the copy Foundation bundles (_FoundationICU): a module that imports both fails to
 * build. ICU only adds two trailing pointer fields to xmlCharEncodingHandler, a struct smokegate never
 * allocates nor reads, so hiding them from this module does not change anything it uses.
 */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlerror.h>
