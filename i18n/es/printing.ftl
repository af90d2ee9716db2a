# Imprimir: el botón de la barra, la pregunta antes de imprimir, las páginas permitidas.
print-button = Imprimir
print-title = Imprimir
print-preparing = Preparando la página para imprimir…
print-confirm = { $pages ->
    [one] 1 página: ¿imprimir?
   *[other] { $pages } páginas: ¿imprimir?
}
print-do = Imprimir
print-cancel = Cancelar
print-quota-title = No quedan suficientes páginas
print-quota = { $pages ->
    [one] Esta impresión tiene 1 página.
   *[other] Esta impresión tiene { $pages } páginas.
} { $left ->
    [0] Ya ha impreso las { $quota } páginas permitidas en una sesión.
    [one] Puede imprimir 1 página más en esta sesión.
   *[other] Puede imprimir { $left } páginas más en esta sesión.
} Pregunte en el mostrador.
print-sent = { $pages ->
    [one] Enviado a la impresora: 1 página. Recójala en la impresora.
   *[other] Enviado a la impresora: { $pages } páginas. Recójalas en la impresora.
}
print-failed = No se pudo enviar la impresión. Pregunte en el mostrador.
