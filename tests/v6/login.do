; Boot rk0 as a person would and log in as root: `do` it from a script
; that has attached the disks. Ends at the shell's first prompt.
expect "@"
boot rk0
send "rkunix\r"
expect "login: "
continue
send "root\r"
expect "# "
continue
