extension String {
    /// The text with its control characters written as `\u{...}`: a name that goes into a
    /// one-line comment (a file name, a table name) cannot end the comment with a line break.
    var withVisibleControls: String {
        var result = ""
        for scalar in unicodeScalars {
            if scalar.properties.generalCategory == .control {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
