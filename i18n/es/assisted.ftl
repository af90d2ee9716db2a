# Modo acompañado: un asesor de France Services ayuda al usuario en este ordenador.
advisor-open = Espacio del asesor
pin-title = Espacio del asesor
pin-intro = Escriba su código.
pin-keys = Teclado numérico
pin-erase = Borrar
pin-erase-label = Borrar la última cifra
pin-submit = Confirmar
pin-cancel = Cancelar
pin-wrong = { $left ->
    [one] Código incorrecto. Queda 1 intento.
   *[other] Código incorrecto. Quedan { $left } intentos.
}
pin-locked = Demasiados intentos. Vuelva a intentarlo dentro de { $minutes } min.
consent-title = Un asesor le acompaña
consent-intro = Con su permiso:
consent-screen = el asesor le ayuda en esta pantalla, a su lado;
consent-passwords = nunca le pide sus contraseñas;
consent-erase = al final, todo se borra: sus páginas y sus archivos, y las conexiones del asesor.
consent-accept = Acepto
consent-refuse = No, gracias
assisted-badge = Acompañamiento
assisted-end = Fin del acompañamiento
assisted-curtain = Dato confidencial: el asesor mira hacia otro lado
assisted-end-title = ¿Terminar el acompañamiento?
assisted-end-text = Todo se borrará: sus páginas, sus archivos y las conexiones del asesor. Empezará una nueva sesión.
welcome-receipt-assisted = El acompañamiento ha terminado: su sesión y las conexiones del asesor se han borrado.
