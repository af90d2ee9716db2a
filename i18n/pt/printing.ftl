# Imprimir: o botão da barra, a pergunta antes de imprimir, as páginas permitidas.
print-button = Imprimir
print-title = Imprimir
print-preparing = A preparar a página para imprimir…
print-confirm = { $pages ->
    [one] 1 página — imprimir?
   *[other] { $pages } páginas — imprimir?
}
print-do = Imprimir
print-cancel = Cancelar
print-quota-title = Não restam páginas suficientes
print-quota = { $pages ->
    [one] Esta impressão tem 1 página.
   *[other] Esta impressão tem { $pages } páginas.
} { $left ->
    [0] Já imprimiu as { $quota } páginas permitidas numa sessão.
    [one] Pode imprimir mais 1 página nesta sessão.
   *[other] Pode imprimir mais { $left } páginas nesta sessão.
} Peça ajuda no balcão.
print-sent = { $pages ->
    [one] Enviado para a impressora: 1 página. Recolha-a na impressora.
   *[other] Enviado para a impressora: { $pages } páginas. Recolha-as na impressora.
}
print-failed = Não foi possível enviar a impressão. Peça ajuda no balcão.
