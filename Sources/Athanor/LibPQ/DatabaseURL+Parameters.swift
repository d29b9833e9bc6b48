extension DatabaseURL {
    /// This URL with the libpq parameter `key` set to `value` (replacing any value it had), such
    /// as `options` = `-c search_path=tenant_1`, which every connection opened with it then runs
    /// under.
    ///
    /// ```swift
    /// let tenant = url.setting("options", to: "-c search_path=tenant_1")
    /// ```
    public func setting(_ key: String, to value: String) -> DatabaseURL {
        var copy = self
        if let index = copy.parameterKeys.firstIndex(of: key) {
            copy.parameterValues[index] = value
        } else {
            copy.parameterKeys.append(key)
            copy.parameterValues.append(value)
        }
        return copy
    }
}
