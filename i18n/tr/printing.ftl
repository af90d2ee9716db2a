# Yazdırma: çubuktaki düğme, yazdırmadan önceki soru, izin verilen sayfalar.
print-button = Yazdır
print-title = Yazdır
print-preparing = Sayfa yazdırmaya hazırlanıyor…
print-confirm = { $pages ->
    [one] 1 sayfa — yazdırılsın mı?
   *[other] { $pages } sayfa — yazdırılsın mı?
}
print-do = Yazdır
print-cancel = Vazgeç
print-quota-title = Yeterli sayfa hakkı kalmadı
print-quota = { $pages ->
    [one] Bu baskı 1 sayfa.
   *[other] Bu baskı { $pages } sayfa.
} { $left ->
    [0] Bir oturumda izin verilen { $quota } sayfanın hepsini yazdırdınız.
    [one] Bu oturumda 1 sayfa daha yazdırabilirsiniz.
   *[other] Bu oturumda { $left } sayfa daha yazdırabilirsiniz.
} Lütfen danışmaya sorun.
print-sent = { $pages ->
    [one] Yazıcıya gönderildi: 1 sayfa. Yazıcıdan alın.
   *[other] Yazıcıya gönderildi: { $pages } sayfa. Yazıcıdan alın.
}
print-failed = Baskı gönderilemedi. Lütfen danışmaya sorun.
