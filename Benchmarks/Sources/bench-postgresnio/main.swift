import PostgresNIO
import BenchSupport
print(1)
