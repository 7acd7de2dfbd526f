import Foundation

/// The operating system's words for an `errno`, as smokegate prints them: lower case, to read well after a colon
/// (`cannot read checks/a.yml: permission denied`).
public enum SystemError {
    public static func describe(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}
