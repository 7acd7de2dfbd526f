import Testing

/// Every test that opens sockets runs in this serialized suite, so the file-descriptor
/// leak checks see only their own descriptors.
@Suite(.serialized)
struct CurlEngineTests {}
