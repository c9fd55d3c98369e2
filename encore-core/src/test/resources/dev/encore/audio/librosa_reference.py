# An independent NumPy/SciPy transcription of librosa 0.10's default formulas (stft center=True with
# zero padding, periodic Hann, Slaney mel filters, power_to_db with top_db=80, DCT-II ortho, spectral
# centroid/rolloff/bandwidth on magnitudes, rms). Run with python3; LibrosaConventionsTest holds its output.
import numpy as np, scipy.fft, scipy.signal
sr=22050; n_fft=2048; hop=512
t=np.arange(int(2*sr))
y=(0.5*np.sin(2*np.pi*440*t/sr)+0.1*np.sin(2*np.pi*3000*t/sr)).astype(np.float32).astype(np.float64)
yp=np.pad(y,(n_fft//2,n_fft//2))
nfr=1+len(y)//hop
win=scipy.signal.get_window('hann',n_fft,fftbins=True)
frames=np.stack([yp[i*hop:i*hop+n_fft] for i in range(nfr)],1)
S=np.abs(np.fft.rfft(frames*win[:,None],axis=0))
P=S**2
def h2m(f):
    f=np.asanyarray(f,dtype=float); m=f/(200/3); lg=f>=1000
    m=np.where(lg,15+np.log(np.maximum(f,1e-12)/1000)/(np.log(6.4)/27),m); return m
def m2h(m):
    m=np.asanyarray(m,dtype=float); return np.where(m>=15,1000*np.exp(np.log(6.4)/27*(m-15)),m*200/3)
mel_f=m2h(np.linspace(h2m(0),h2m(sr/2),130)); fdiff=np.diff(mel_f); ff=np.linspace(0,sr/2,1+n_fft//2)
ramps=mel_f[:,None]-ff[None,:]; W=np.zeros((128,len(ff)))
for i in range(128):
    W[i]=np.maximum(0,np.minimum(-ramps[i]/fdiff[i],ramps[i+2]/fdiff[i+1]))
W*= (2/(mel_f[2:]-mel_f[:-2]))[:,None]
M=W@P
L=10*np.log10(np.maximum(1e-10,M)); L=np.maximum(L,L.max()-80)
C=scipy.fft.dct(L,axis=0,type=2,norm='ortho')[:20]
cent=(ff[:,None]*S).sum(0)/np.maximum(S.sum(0),1e-30)
bw=np.sqrt((S/S.sum(0)*(ff[:,None]-cent)**2).sum(0))
cs=np.cumsum(S,0); roll=np.array([ff[np.argmax(cs[:,j]>=0.85*cs[-1,j])] for j in range(nfr)])
rms=np.sqrt((frames**2).mean(0))
print("mfcc_mean", " ".join(f"{v:.4f}" for v in C.mean(1)))
print("mfcc_var", " ".join(f"{v:.4f}" for v in C.var(1)))
print("centroid %.4f rolloff %.4f bandwidth %.4f energy %.6f" % (cent.mean(), roll.mean(), bw.mean(), rms.mean()))
