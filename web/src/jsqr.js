import jsQR from 'jsqr';

window.jsQR = jsQR;
