// Placeholder: the runtime lands with issue 4.
