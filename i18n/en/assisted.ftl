# Assisted mode: a France Services advisor helps the patron on this computer.
advisor-open = Advisor area
pin-title = Advisor area
pin-intro = Type your code.
pin-keys = Number pad
pin-erase = Erase
pin-erase-label = Erase the last digit
pin-submit = Confirm
pin-cancel = Cancel
pin-wrong = { $left ->
    [one] Wrong code. 1 try left.
   *[other] Wrong code. { $left } tries left.
}
pin-locked = Too many tries. Try again in { $minutes } min.
consent-title = An advisor is helping you
consent-intro = With your agreement:
consent-screen = the advisor helps you on this screen, beside you;
consent-passwords = they never ask for your passwords;
consent-erase = at the end, everything is erased: your pages and files, and the advisor’s logins.
consent-accept = I agree
consent-refuse = No thanks
assisted-badge = Assisted
assisted-end = End of assistance
assisted-curtain = Confidential entry: the advisor looks away
assisted-end-title = End the assistance?
assisted-end-text = Everything will be erased: your pages, your files and the advisor’s logins. A new session will start.
welcome-receipt-assisted = The assistance is over: your session and the advisor’s logins have been erased.
