module example.com/crosslens-sample

go 1.19
