// Placeholder: the compiler lands with issue 3.
