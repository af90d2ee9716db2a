# Modo acompanhado: um conselheiro France Services ajuda o utente neste computador.
advisor-open = Espaço do conselheiro
pin-title = Espaço do conselheiro
pin-intro = Escreva o seu código.
pin-keys = Teclado numérico
pin-erase = Apagar
pin-erase-label = Apagar o último algarismo
pin-submit = Confirmar
pin-cancel = Cancelar
pin-wrong = { $left ->
    [one] Código errado. Resta { $left } tentativa.
   *[other] Código errado. Restam { $left } tentativas.
}
pin-locked = Demasiadas tentativas. Tente de novo dentro de { $minutes } min.
consent-title = Um conselheiro acompanha-o
consent-intro = Com o seu acordo:
consent-screen = o conselheiro ajuda-o neste ecrã, ao seu lado;
consent-passwords = nunca lhe pede as suas palavras-passe;
consent-erase = no fim, tudo é apagado: as suas páginas e os seus ficheiros, e as ligações do conselheiro.
consent-accept = Aceito
consent-refuse = Não, obrigado
assisted-badge = Acompanhamento
assisted-end = Fim do acompanhamento
assisted-curtain = Dados confidenciais: o conselheiro olha para o lado
assisted-end-title = Terminar o acompanhamento?
assisted-end-text = Tudo será apagado: as suas páginas, os seus ficheiros e as ligações do conselheiro. Começará uma nova sessão.
welcome-receipt-assisted = O acompanhamento terminou: a sua sessão e as ligações do conselheiro foram apagadas.
