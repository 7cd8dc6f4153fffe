#ifndef BULLETIND_CLIBXML2_SHIM_H
#define BULLETIND_CLIBXML2_SHIM_H

// libxml2 built with ICU would include the system's ICU headers, which clash with the ICU that
// Foundation ships; bulletind decodes charsets itself and hands libxml2 UTF-8 only.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>
#include <libxml/parser.h>

/// libxml2 prints parse errors to stderr by default; bulletind reads broken pages on purpose.
static inline void bulletind_xml_silence(void) {
    xmlSetGenericErrorFunc(NULL, NULL);
    xmlSetStructuredErrorFunc(NULL, NULL);
}

/// Options for pages as served: recover from broken markup, never touch the network, stay quiet.
static inline int bulletind_html_options(void) {
    return HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET
        | HTML_PARSE_NOIMPLIED | HTML_PARSE_COMPACT;
}

/// Options for untrusted XML: no external entities, no DTD loading, no network, recover quietly.
static inline int bulletind_xml_options(void) {
    return XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NONET | XML_PARSE_NOCDATA
        | XML_PARSE_COMPACT;
}

/// xmlFree is a global function pointer; a call through a function keeps Swift's concurrency checks happy.
static inline void bulletind_xml_free(void *pointer) {
    xmlFree(pointer);
}

#endif
