//! libxml2, opened the first time a schema is compiled (`dlopen`), not linked into the program:
//! linked, the library and the ICU and C++ runtimes it brings cost every process about 2.7 M
//! instructions of loading and relocation before `main` (callgrind, 2026-12-05), conversions that
//! never validate included. Only the calls the schema module makes are bound, with libxml2's C
//! types (the same from 2.9 to 2.14); a system without libxml2 still converts, and `check`
//! reports the schema as not applied.

use std::ffi::{c_char, c_int, c_void, CStr, CString};
use std::sync::OnceLock;

type Ptr = *mut c_void;
/// `xmlStructuredErrorFunc`.
type ErrorFn = unsafe extern "C" fn(Ptr, *const RawError);
/// `xmlExternalEntityLoader`.
type Loader = unsafe extern "C" fn(*const c_char, *const c_char, Ptr) -> Ptr;
/// `xmlInputMatchCallback`, `xmlInputOpenCallback`, `xmlInputReadCallback`, `xmlInputCloseCallback`.
type MatchFn = unsafe extern "C" fn(*const c_char) -> c_int;
type OpenFn = unsafe extern "C" fn(*const c_char) -> Ptr;
type ReadFn = unsafe extern "C" fn(Ptr, *mut c_char, c_int) -> c_int;
type CloseFn = unsafe extern "C" fn(Ptr) -> c_int;

/// The reader's options (`xmlParserOption`): no network, parse errors not printed, line numbers
/// past 65535, the text read as the encoding it is given in whatever its declaration says.
pub(super) const READ_OPTIONS: c_int = (1 << 11) | (1 << 5) | (1 << 6) | (1 << 22) | (1 << 21);

/// `xmlError`, the fields read here and the layout of the rest.
#[repr(C)]
struct RawError {
    domain: c_int,
    code: c_int,
    message: *mut c_char,
    level: c_int,
    file: *mut c_char,
    line: c_int,
    str1: *mut c_char,
    str2: *mut c_char,
    str3: *mut c_char,
    int1: c_int,
    int2: c_int,
    ctxt: Ptr,
    node: Ptr,
}

/// One error libxml2 reported: its message, and the file and line it names, if any.
#[derive(Debug)]
pub(super) struct Error {
    pub message: Option<String>,
    pub file: Option<String>,
    pub line: Option<c_int>,
}

/// The functions bound.
struct Api {
    init_parser: unsafe extern "C" fn(),
    register_input_callbacks: unsafe extern "C" fn(
        Option<MatchFn>,
        Option<OpenFn>,
        Option<ReadFn>,
        Option<CloseFn>,
    ) -> c_int,
    set_external_entity_loader: unsafe extern "C" fn(Option<Loader>),
    no_net_external_entity_loader: Loader,
    schema_init_types: unsafe extern "C" fn(),
    schema_new_parser_ctxt: unsafe extern "C" fn(*const c_char) -> Ptr,
    schema_set_parser_structured_errors: unsafe extern "C" fn(Ptr, Option<ErrorFn>, Ptr),
    schema_parse: unsafe extern "C" fn(Ptr) -> Ptr,
    schema_free_parser_ctxt: unsafe extern "C" fn(Ptr),
    schema_free: unsafe extern "C" fn(Ptr),
    schema_new_valid_ctxt: unsafe extern "C" fn(Ptr) -> Ptr,
    schema_set_valid_structured_errors: unsafe extern "C" fn(Ptr, Option<ErrorFn>, Ptr),
    schema_free_valid_ctxt: unsafe extern "C" fn(Ptr),
    reader_for_memory:
        unsafe extern "C" fn(*const c_char, c_int, *const c_char, *const c_char, c_int) -> Ptr,
    reader_schema_validate_ctxt: unsafe extern "C" fn(Ptr, Ptr, c_int) -> c_int,
    reader_read: unsafe extern "C" fn(Ptr) -> c_int,
    free_text_reader: unsafe extern "C" fn(Ptr),
}

#[cfg(target_os = "macos")]
const LIBRARY: &CStr = c"libxml2.2.dylib";
#[cfg(not(target_os = "macos"))]
const LIBRARY: &CStr = c"libxml2.so.2";

/// The bytes of a file served from memory, by its URL.
type Embedded = fn(&str) -> Option<&'static [u8]>;

/// The files served under the embedded scheme; set once, with the library.
static EMBEDDED: OnceLock<Embedded> = OnceLock::new();

/// The library's functions, or why it cannot be used; opened once.
static API: OnceLock<Result<Api, String>> = OnceLock::new();

/// Once per process: opens libxml2, initialises it, serves the URLs `embedded` knows from memory
/// and replaces the external entity loader with libxml2's no-network one. `Err` says why the
/// library cannot be used.
pub(super) fn set_up(embedded: Embedded) -> Result<(), String> {
    let api = API.get_or_init(|| {
        let api = open()?;
        EMBEDDED.get_or_init(|| embedded);
        // SAFETY: functions of the library just opened, with their C signatures; called once,
        // before anything is parsed.
        unsafe {
            (api.init_parser)();
            (api.register_input_callbacks)(
                Some(embedded_match),
                Some(embedded_open),
                Some(embedded_read),
                Some(embedded_close),
            );
            (api.set_external_entity_loader)(Some(api.no_net_external_entity_loader));
            // Lazy in libxml2 and not thread-safe there: done here, once.
            (api.schema_init_types)();
        }
        Ok(api)
    });
    api.as_ref().map(|_| ()).map_err(Clone::clone)
}

/// The library's functions, once [`set_up`] has succeeded.
fn api() -> &'static Api {
    match API.get() {
        Some(Ok(api)) => api,
        _ => panic!("libxml2 used before set_up succeeded"),
    }
}

fn dl_error() -> String {
    // SAFETY: dlerror returns null or a NUL-terminated message owned by the C library.
    let message = unsafe { libc::dlerror() };
    if message.is_null() {
        return "unknown error".into();
    }
    unsafe { CStr::from_ptr(message) }
        .to_string_lossy()
        .into_owned()
}

/// Opens the library and binds its functions.
fn open() -> Result<Api, String> {
    let name = LIBRARY.to_string_lossy();
    // SAFETY: a library name; the handle is kept for the process's life.
    let handle = unsafe { libc::dlopen(LIBRARY.as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL) };
    if handle.is_null() {
        return Err(format!(
            "libxml2 ({name}) cannot be loaded: {}; install libxml2 (Debian and Ubuntu: \
             `apt install libxml2`) to validate Akoma Ntoso inputs",
            dl_error()
        ));
    }
    macro_rules! bind {
        ($symbol:literal as $ty:ty) => {{
            // SAFETY: a NUL-terminated symbol name in the open library.
            let f = unsafe { libc::dlsym(handle, concat!($symbol, "\0").as_ptr().cast()) };
            if f.is_null() {
                return Err(format!("libxml2 ({name}) has no {}", $symbol));
            }
            // SAFETY: the symbol is the libxml2 function of that name, whose C signature
            // `$ty` is.
            unsafe { std::mem::transmute::<*mut c_void, $ty>(f) }
        }};
    }
    Ok(Api {
        init_parser: bind!("xmlInitParser" as unsafe extern "C" fn()),
        register_input_callbacks: bind!(
            "xmlRegisterInputCallbacks"
                as unsafe extern "C" fn(
                    Option<MatchFn>,
                    Option<OpenFn>,
                    Option<ReadFn>,
                    Option<CloseFn>,
                ) -> c_int
        ),
        set_external_entity_loader: bind!(
            "xmlSetExternalEntityLoader" as unsafe extern "C" fn(Option<Loader>)
        ),
        no_net_external_entity_loader: bind!("xmlNoNetExternalEntityLoader" as Loader),
        schema_init_types: bind!("xmlSchemaInitTypes" as unsafe extern "C" fn()),
        schema_new_parser_ctxt: bind!(
            "xmlSchemaNewParserCtxt" as unsafe extern "C" fn(*const c_char) -> Ptr
        ),
        schema_set_parser_structured_errors: bind!(
            "xmlSchemaSetParserStructuredErrors" as unsafe extern "C" fn(Ptr, Option<ErrorFn>, Ptr)
        ),
        schema_parse: bind!("xmlSchemaParse" as unsafe extern "C" fn(Ptr) -> Ptr),
        schema_free_parser_ctxt: bind!("xmlSchemaFreeParserCtxt" as unsafe extern "C" fn(Ptr)),
        schema_free: bind!("xmlSchemaFree" as unsafe extern "C" fn(Ptr)),
        schema_new_valid_ctxt: bind!("xmlSchemaNewValidCtxt" as unsafe extern "C" fn(Ptr) -> Ptr),
        schema_set_valid_structured_errors: bind!(
            "xmlSchemaSetValidStructuredErrors" as unsafe extern "C" fn(Ptr, Option<ErrorFn>, Ptr)
        ),
        schema_free_valid_ctxt: bind!("xmlSchemaFreeValidCtxt" as unsafe extern "C" fn(Ptr)),
        reader_for_memory: bind!(
            "xmlReaderForMemory"
                as unsafe extern "C" fn(
                    *const c_char,
                    c_int,
                    *const c_char,
                    *const c_char,
                    c_int,
                ) -> Ptr
        ),
        reader_schema_validate_ctxt: bind!(
            "xmlTextReaderSchemaValidateCtxt" as unsafe extern "C" fn(Ptr, Ptr, c_int) -> c_int
        ),
        reader_read: bind!("xmlTextReaderRead" as unsafe extern "C" fn(Ptr) -> c_int),
        free_text_reader: bind!("xmlFreeTextReader" as unsafe extern "C" fn(Ptr)),
    })
}

/// Collects the errors libxml2 reports into the `Vec<Error>` `ctx` points to.
unsafe extern "C" fn collect(ctx: Ptr, error: *const RawError) {
    if ctx.is_null() || error.is_null() {
        return;
    }
    let text = |p: *mut c_char| {
        // SAFETY: libxml2's strings are null or NUL-terminated for the call's duration.
        (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
    };
    // SAFETY: `ctx` is the boxed error list its context was given, `error` libxml2's record.
    let (errors, error) = unsafe { (&mut *ctx.cast::<Vec<Error>>(), &*error) };
    errors.push(Error {
        message: text(error.message),
        file: text(error.file),
        line: (error.line != 0).then_some(error.line),
    });
}

/// The embedded file at `url`, if it is one.
fn embedded(url: *const c_char) -> Option<&'static [u8]> {
    if url.is_null() {
        return None;
    }
    // SAFETY: libxml2 passes a NUL-terminated URL, read only during the call.
    let url = unsafe { CStr::from_ptr(url) }.to_str().ok()?;
    EMBEDDED.get()?(url)
}

unsafe extern "C" fn embedded_match(url: *const c_char) -> c_int {
    c_int::from(embedded(url).is_some())
}

/// An embedded file being read: its bytes and how far.
struct Reading {
    bytes: &'static [u8],
    at: usize,
}

unsafe extern "C" fn embedded_open(url: *const c_char) -> Ptr {
    match embedded(url) {
        Some(bytes) => Box::into_raw(Box::new(Reading { bytes, at: 0 })).cast(),
        None => std::ptr::null_mut(),
    }
}

unsafe extern "C" fn embedded_read(ctx: Ptr, buffer: *mut c_char, len: c_int) -> c_int {
    if ctx.is_null() || buffer.is_null() || len <= 0 {
        return -1;
    }
    // SAFETY: `ctx` is a `Reading` from `embedded_open`, not yet closed.
    let reading = unsafe { &mut *ctx.cast::<Reading>() };
    let rest = &reading.bytes[reading.at..];
    let n = rest.len().min(len as usize);
    // SAFETY: libxml2's buffer holds `len` bytes.
    unsafe { std::ptr::copy_nonoverlapping(rest.as_ptr(), buffer.cast::<u8>(), n) };
    reading.at += n;
    n as c_int
}

unsafe extern "C" fn embedded_close(ctx: Ptr) -> c_int {
    if ctx.is_null() {
        return -1;
    }
    // SAFETY: `ctx` is a `Reading` from `embedded_open`, closed once.
    drop(unsafe { Box::from_raw(ctx.cast::<Reading>()) });
    0
}

/// A compiled schema and its validation context, for one thread (libxml2's contexts may not be
/// shared between threads; raw pointers keep this type on its thread).
pub(super) struct Validator {
    schema: Ptr,
    ctxt: Ptr,
    /// The context's error list, boxed (`Box::into_raw`) so that libxml2 can hold its address.
    errors: *mut Vec<Error>,
}

impl Validator {
    /// Reads and compiles the schema at `url` ([`set_up`] first). `Err` holds libxml2's errors,
    /// possibly none.
    pub(super) fn compile(url: &str) -> Result<Validator, Vec<Error>> {
        let api = api();
        let url = CString::new(url).map_err(|_| Vec::new())?;
        let mut errors: Box<Vec<Error>> = Box::default();
        let sink: *mut Vec<Error> = &mut *errors;
        // SAFETY: the parser context is freed before returning; `sink` outlives it.
        let schema = unsafe {
            let parser = (api.schema_new_parser_ctxt)(url.as_ptr());
            if parser.is_null() {
                return Err(*errors);
            }
            (api.schema_set_parser_structured_errors)(parser, Some(collect), sink.cast());
            let schema = (api.schema_parse)(parser);
            (api.schema_free_parser_ctxt)(parser);
            schema
        };
        if schema.is_null() {
            return Err(*errors);
        }
        // SAFETY: a schema just compiled, freed with the validator.
        let ctxt = unsafe { (api.schema_new_valid_ctxt)(schema) };
        if ctxt.is_null() {
            unsafe { (api.schema_free)(schema) };
            return Err(*errors);
        }
        let errors: *mut Vec<Error> = Box::into_raw(Box::default());
        // SAFETY: the list stays where it is until the validator is dropped.
        unsafe { (api.schema_set_valid_structured_errors)(ctxt, Some(collect), errors.cast()) };
        Ok(Validator {
            schema,
            ctxt,
            errors,
        })
    }

    /// Streams `text` through libxml2's reader with this validator attached, with
    /// [`READ_OPTIONS`]: `None` when no reader could be made, else whether it read to the end.
    /// The violations are then in [`Validator::take_errors`].
    pub(super) fn read_through(&mut self, text: &str) -> Option<bool> {
        let api = api();
        let len = c_int::try_from(text.len()).ok()?;
        // SAFETY: the reader reads `text`, which outlives it, and is freed before returning;
        // the validation context is this thread's and the reader only borrows it (libxml2
        // keeps a context it was given: `xsdPreserveCtxt`).
        unsafe {
            let reader = (api.reader_for_memory)(
                text.as_ptr().cast(),
                len,
                std::ptr::null(),
                c"UTF-8".as_ptr(),
                READ_OPTIONS,
            );
            if reader.is_null() {
                return None;
            }
            let mut rc = (api.reader_schema_validate_ctxt)(reader, self.ctxt, 0);
            while rc == 0 {
                rc = match (api.reader_read)(reader) {
                    1 => 0,
                    0 => 1,
                    _ => -1,
                };
            }
            (api.free_text_reader)(reader);
            Some(rc == 1)
        }
    }

    /// The errors reported since the last call.
    pub(super) fn take_errors(&mut self) -> Vec<Error> {
        // SAFETY: libxml2 writes to the list only during `read_through`, which has returned.
        std::mem::take(unsafe { &mut *self.errors })
    }
}

impl Drop for Validator {
    fn drop(&mut self) {
        let api = api();
        // SAFETY: both made by `compile`, freed once, the context before its schema.
        unsafe {
            (api.schema_free_valid_ctxt)(self.ctxt);
            (api.schema_free)(self.schema);
            drop(Box::from_raw(self.errors));
        }
    }
}
