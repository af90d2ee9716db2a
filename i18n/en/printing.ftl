# Printing: the bar's button, the question before printing, the pages allowed.
print-button = Print
print-title = Print
print-preparing = Preparing the page for printing…
print-confirm = { $pages ->
    [one] 1 page — print it?
   *[other] { $pages } pages — print them?
}
print-do = Print
print-cancel = Cancel
print-quota-title = Not enough pages left
print-quota = { $pages ->
    [one] This print is 1 page long.
   *[other] This print is { $pages } pages long.
} { $left ->
    [0] You have already printed the { $quota } pages allowed in one session.
    [one] You can print 1 more page in this session.
   *[other] You can print { $left } more pages in this session.
} Please ask at the desk.
print-sent = { $pages ->
    [one] Sent to the printer: 1 page. Collect it at the printer.
   *[other] Sent to the printer: { $pages } pages. Collect them at the printer.
}
print-failed = The print could not be sent. Please ask at the desk.
