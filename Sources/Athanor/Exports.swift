// The SQL dialect, the identifier quoter and the naming rule belong to the runtime's API too
// (`DatabaseURL.dialect`, `Transaction.dialect`, COPY's table names): `import Athanor` is enough.
@_exported import AthanorSQL
